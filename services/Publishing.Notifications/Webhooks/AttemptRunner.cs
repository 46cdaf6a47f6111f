using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Publishing.Notifications.Data;

namespace Publishing.Notifications.Webhooks;

/// <summary>
/// One attempt at a claimed delivery, as the <see cref="DeliveryWorker"/> starts it: its row in the
/// log first (<see cref="AttemptStarts"/>), then its request once a sending slot is free, overall and
/// at its endpoint, through that endpoint's circuit breaker, and its outcome to the
/// <see cref="DeliveryOutcomeRecorder"/>. A row whose claim was given up (<see cref="DeliveryLeases"/>)
/// is not sent, and its request is cancelled if it is on its way.
/// </summary>
public sealed class AttemptRunner(
    DeliveryLeases leases,
    AttemptStarts starts,
    DeliveryOutcomeRecorder recorder,
    WebhookSender sender,
    WebhookSecrets secrets,
    EndpointBreakers breakers,
    WebhookMetrics metrics,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<AttemptRunner> log)
{
    private readonly WebhookOptions _options = options.Value;

    /// <summary>Runs one claimed delivery: its log row, then its request once a slot is free, overall and at its endpoint.</summary>
    public async Task RunAsync(DeliveryJob job, SemaphoreSlim endpointSlots, SemaphoreSlim allSlots, CancellationToken ct)
    {
        if (!leases.TryStart(job, out var lost))
        {
            log.LogDebug("Delivery {Id} was given up before its attempt: its claim could not be renewed", job.Id);
            return;
        }
        try
        {
            if (job.SubscriptionState != SubscriptionStates.Active)
            {
                await leases.ReleaseAsync(job, null, "The subscription is disabled.", DeliveryStates.Disabled);
                return;
            }

            var attemptAt = clock.GetUtcNow();
            if (!secrets.TryReveal(job.Secret, out var secret))
            {
                // Not the endpoint's fault, so not through its breaker; logged and retried like a failure.
                recorder.Add(new AttemptOutcome(job, attemptAt, new AttemptResult(null, 0, AttemptReasons.SecretUnreadable, null)));
                return;
            }
            AttemptResult result;
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct, lost);
            // In the log before the request goes out: if this process dies from here on, the attempt
            // still shows (as interrupted: the site may or may not have it).
            await starts.WriteAsync(job, attemptAt);
            var requested = false;
            try
            {
                await endpointSlots.WaitAsync(attempt.Token);
                try
                {
                    await allSlots.WaitAsync(attempt.Token);
                    try
                    {
                        attemptAt = clock.GetUtcNow();
                        result = await breakers.For(job.Endpoint).ExecuteAsync(async token =>
                        {
                            requested = true;
                            return await sender.SendAsync(job.Url, secret, job.WebhookId, job.Payload, attemptAt, token);
                        }, attempt.Token);
                    }
                    finally
                    {
                        allSlots.Release();
                    }
                }
                finally
                {
                    endpointSlots.Release();
                }
            }
            catch (OperationCanceledException) when (attempt.IsCancellationRequested && !requested)
            {
                // Stopped while waiting for a slot: no request went out, so the log row is taken back.
                try { await starts.WithdrawAsync(job); }
                catch (Exception ex) { log.LogDebug(ex, "Could not withdraw the log row of delivery {Id}", job.Id); }
                throw;
            }
            catch (BrokenCircuitException ex)
            {
                // Not an attempt: the site failed repeatedly just now, so it is not called.
                await starts.WithdrawAsync(job);
                var wait = (ex.RetryAfter ?? _options.BreakerBreakDuration) + Jitter(TimeSpan.FromSeconds(5));
                await leases.ReleaseAsync(job, clock.GetUtcNow() + wait,
                    $"Not sent: the circuit for {job.Endpoint} is open after repeated failures.", DeliveryStates.Pending);
                return;
            }

            // The sending slot is free from here on; the row stays claimed until its outcome is stored.
            metrics.Attempted(result);
            recorder.Add(new AttemptOutcome(job, attemptAt, result));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down mid-attempt: hand the row back now rather than when the lease ends.
            try { await leases.ReleaseAsync(job, clock.GetUtcNow(), null, DeliveryStates.Pending); }
            catch (Exception ex) { log.LogDebug(ex, "Could not release delivery {Id} on shutdown", job.Id); }
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested)
        {
            // Given up already: another instance may hold the row by now, so nothing is written.
            log.LogWarning("The attempt of delivery {Id} ({WebhookId}) was abandoned: its claim could not be renewed", job.Id, job.WebhookId);
        }
        catch (Exception ex)
        {
            // Its lease runs out and the row is claimed again.
            leases.Release(job);
            log.LogError(ex, "Delivery {Id} ({WebhookId}) failed unexpectedly", job.Id, job.WebhookId);
        }
    }

    private static TimeSpan Jitter(TimeSpan max) => TimeSpan.FromMilliseconds(max.TotalMilliseconds * Random.Shared.NextDouble());
}
