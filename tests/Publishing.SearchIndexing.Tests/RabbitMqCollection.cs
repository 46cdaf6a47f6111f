using Publishing.Testing;
using Xunit;

namespace Publishing.SearchIndexing.Tests;

[CollectionDefinition(RabbitMqFixture.Collection)]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqFixture>;
