using System.Text.Json;
using Publishing.ServiceDefaults.Validation;

namespace Publishing.Authoring.Content.Model;

internal sealed partial class FieldReader
{
    /// <summary>
    /// Checks that every member name and string under <paramref name="value"/> can be read as text
    /// (System.Text.Json throws on a lone surrogate escape such as "\ud800" or invalid UTF-8, even
    /// when only looking a member up), reporting each one that cannot under its path. Only when this
    /// is true may the other readers run.
    /// </summary>
    public bool Readable(JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                if (TryGetString(value) is null) RefuseText(path, TextHygiene.UnreadableProblem);
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray()) Readable(item, Item(path, index++));
                break;
            case JsonValueKind.Object:
                foreach (var member in value.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = member.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        RefuseText(path, "A field name here contains a broken Unicode character; retype it.");
                        continue;
                    }
                    Readable(member.Value, Child(path, name));
                }
                break;
        }
        return !RefusedText;
    }

    private static string? TryGetString(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
