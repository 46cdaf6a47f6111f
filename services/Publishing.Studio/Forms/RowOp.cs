namespace Publishing.Studio.Forms;

/// <summary>A row button's value: what to do to which list; the focus target after it is done.</summary>
public sealed record RowOp(string Action, string List, int Index)
{
    public static RowOp? Parse(string? value)
    {
        var parts = (value ?? "").Split(':');
        if (parts.Length < 2 || parts[0] is not ("add" or "remove" or "up" or "down")) return null;
        var index = parts.Length > 2 && int.TryParse(parts[2], out var i) ? i : -1;
        return new RowOp(parts[0], parts[1], index);
    }

    /// <returns>What happened, for the status message read out after the page reloads.</returns>
    public string? ApplyTo<T>(List<T> list, Func<T> create)
    {
        switch (Action)
        {
            case "add":
                list.Add(create());
                return $"Row {list.Count} added.";
            case "remove" when Index >= 0 && Index < list.Count:
                list.RemoveAt(Index);
                return $"Row {Index + 1} removed.";
            case "up" when Index > 0 && Index < list.Count:
                (list[Index - 1], list[Index]) = (list[Index], list[Index - 1]);
                return $"Row {Index + 1} moved up to {Index}.";
            case "down" when Index >= 0 && Index < list.Count - 1:
                (list[Index + 1], list[Index]) = (list[Index], list[Index + 1]);
                return $"Row {Index + 1} moved down to {Index + 2}.";
            default:
                return null;
        }
    }
}
