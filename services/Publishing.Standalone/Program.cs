using Publishing.Standalone;

await StandaloneHost.Create(args).RunAsync();
