using Publishing.Authoring;

await AuthoringHost.Create(args).RunAsync();
