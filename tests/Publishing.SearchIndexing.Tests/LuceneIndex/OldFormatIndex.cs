using Lucene.Net.Index;
using Lucene.Net.Store;
using Publishing.SearchIndexing.LuceneIndex;
using Directory = System.IO.Directory;

namespace Publishing.SearchIndexing.Tests.LuceneIndex;

/// <summary>Writes an index as the service did before the word-pair fields (format 1): no pair fields, no format in the commit.</summary>
public static class OldFormatIndex
{
    public static void Write(string root, IEnumerable<SearchDocument> documents)
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        var path = Directory.CreateDirectory(Path.Combine(root, "gen-000001")).FullName;
        using (var directory = FSDirectory.Open(new DirectoryInfo(path)))
        using (var analyzer = SearchSchema.CreateAnalyzer())
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(SearchSchema.Version, analyzer) { OpenMode = OpenMode.CREATE }))
        {
            foreach (var document in documents)
            {
                var doc = SearchSchema.ToLucene(document);
                doc.RemoveFields(SearchSchema.TitlePhrases);
                doc.RemoveFields(SearchSchema.BodyPhrases);
                writer.AddDocument(doc);
            }
            writer.Commit();
        }
        File.WriteAllText(Path.Combine(root, "current"), "gen-000001");
    }
}
