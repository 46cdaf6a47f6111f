using System.Text;
using System.Xml;

namespace Publishing.SearchIndexing.Changes;

/// <summary>Text as XML 1.0 can carry it: characters it forbids (NUL, most controls, lone surrogates) become U+FFFD.</summary>
public static class XmlText
{
    public static string Clean(string text)
    {
        if (text.All(XmlConvert.IsXmlChar) && !text.Any(char.IsSurrogate)) return text;
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { clean.Append(c).Append(text[++i]); continue; }
            clean.Append(XmlConvert.IsXmlChar(c) ? c : '\uFFFD');
        }
        return clean.ToString();
    }
}
