namespace Publishing.Studio.Forms;

// The repeating parts of a drug entry, as the form posts them: text as typed.

public sealed class IndicationRow
{
    public string? Condition { get; set; }
    public string? LineOfTherapy { get; set; }
    public string? Biomarker { get; set; }
    public string? Jurisdiction { get; set; }
}

public sealed class AdministrationForm
{
    public string? Route { get; set; }
    public string? Form { get; set; }
    public string? Dose { get; set; }
    public string? Schedule { get; set; }
    public string? FoodAdvice { get; set; }
}

public sealed class ApprovalRow
{
    public string? Body { get; set; }
    public string? Decision { get; set; }
    public string? Reference { get; set; }
    public string? Date { get; set; }
    public string? Url { get; set; }
}

public sealed class ReferenceRow
{
    public string? Id { get; set; }
    public string? Title { get; set; }
    public string? Publisher { get; set; }
    public string? Url { get; set; }
    public string? Accessed { get; set; }
}
