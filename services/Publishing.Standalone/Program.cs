using Publishing.ServiceDefaults.Hosting;
using Publishing.Standalone;

return await ServiceRunner.RunAsync(() => StandaloneHost.Create(args));
