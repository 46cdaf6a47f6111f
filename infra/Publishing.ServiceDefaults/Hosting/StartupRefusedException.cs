namespace Publishing.ServiceDefaults.Hosting;

/// <summary>
/// A setting this environment must not run with (a development aid in production, a missing identity
/// provider, an insecure authority). Thrown while the host is built, so nothing starts listening;
/// <see cref="ServiceRunner"/> prints the message and exits instead of dumping a stack trace.
/// </summary>
public sealed class StartupRefusedException(string message) : Exception(message);
