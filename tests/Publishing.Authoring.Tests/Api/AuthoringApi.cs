using Publishing.Authoring.Data;
using Publishing.Testing;

namespace Publishing.Authoring.Tests.Api;

/// <summary>The Authoring service in memory: its own SQLite file, an in-memory bus, dev tokens.</summary>
public sealed class AuthoringApi : ServiceApiFactory<Program, AuthoringDbContext>;
