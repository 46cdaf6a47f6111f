using Publishing.Studio;

await StudioHost.Create(args).RunAsync();

/// <summary>The entry point, public so tests can host it.</summary>
public partial class Program;
