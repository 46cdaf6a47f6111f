using Microsoft.Extensions.Configuration;

namespace Publishing.Messaging.Bus;

public enum BusTransport { RabbitMq, InMemory }

public sealed record BusSettings(BusTransport Transport, Uri RabbitMq)
{
    public const string DefaultRabbitMq = "amqp://guest:guest@localhost:5672/";

    /// <summary><c>Messaging:Transport</c> (RabbitMq, the default, or InMemory) and <c>ConnectionStrings:RabbitMq</c>.</summary>
    public static BusSettings From(IConfiguration config)
    {
        var value = config["Messaging:Transport"];
        var transport = string.IsNullOrWhiteSpace(value)
            ? BusTransport.RabbitMq
            : Enum.TryParse<BusTransport>(value, ignoreCase: true, out var t)
                ? t
                : throw new InvalidOperationException($"Messaging:Transport '{value}' is not one of RabbitMq, InMemory.");
        var configured = config.GetConnectionString("RabbitMq");
        var uri = new Uri(string.IsNullOrWhiteSpace(configured) ? DefaultRabbitMq : configured);
        return new BusSettings(transport, uri);
    }
}
