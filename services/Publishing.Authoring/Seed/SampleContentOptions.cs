namespace Publishing.Authoring.Seed;

public sealed class SampleContentOptions
{
    /// <summary><c>Seed:Enabled</c>: load the sample content on first start (on in the standalone host).</summary>
    public bool Enabled { get; set; }

    /// <summary><c>Seed:Directory</c>: where the sample JSON files are; default <c>Seed</c> beside the program.</summary>
    public string? Directory { get; set; }
}
