using Publishing.Notifications;

await NotificationsHost.Create(args).RunAsync();
