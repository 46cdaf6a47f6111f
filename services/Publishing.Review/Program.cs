using Publishing.Review;

await ReviewHost.Create(args).RunAsync();
