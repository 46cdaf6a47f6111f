using Publishing.ServiceDefaults.Hosting;
using Publishing.Studio;

return await ServiceRunner.RunAsync(() => StudioHost.Create(args));

/// <summary>The entry point, public so tests can host it.</summary>
public partial class Program;
