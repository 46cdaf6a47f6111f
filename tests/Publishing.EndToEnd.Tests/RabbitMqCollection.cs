using Publishing.Testing;
using Xunit;

namespace Publishing.EndToEnd.Tests;

[CollectionDefinition(RabbitMqFixture.Collection)]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqFixture>;
