using Publishing.Testing;
using Xunit;

namespace Publishing.Messaging.Tests;

[CollectionDefinition(RabbitMqFixture.Collection)]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqFixture>;
