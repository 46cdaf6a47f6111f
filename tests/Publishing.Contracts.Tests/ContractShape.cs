using System.Reflection;
using System.Text;

namespace Publishing.Contracts.Tests;

/// <summary>Renders the public surface of the contracts assembly as stable, diffable text.</summary>
internal static class ContractShape
{
    private static readonly NullabilityInfoContext Nullability = new();

    private static readonly Dictionary<Type, string> Aliases = new()
    {
        [typeof(string)] = "string", [typeof(int)] = "int", [typeof(long)] = "long", [typeof(bool)] = "bool",
        [typeof(decimal)] = "decimal", [typeof(double)] = "double", [typeof(object)] = "object",
    };

    public static string Describe(Assembly assembly)
    {
        var text = new StringBuilder();
        string? currentNamespace = null;
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            // MassTransit routes by full type name (urn:message:Namespace:Type), so the namespace is contract too.
            if (type.Namespace != currentNamespace)
                text.Append($"namespace {currentNamespace = type.Namespace}\n");
            text.Append(Header(type)).Append('\n');
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
                         .Where(f => f.IsLiteral).OrderBy(f => f.MetadataToken))
                text.Append($"  const {field.Name}: {Name(field.FieldType)} = \"{field.GetRawConstantValue()}\"\n");
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                         .OrderBy(p => p.MetadataToken))
                text.Append($"  {property.Name}: {Render(property.PropertyType, Nullability.Create(property))}\n");
        }
        return text.ToString();
    }

    private static string Header(Type type)
    {
        var kind = type switch
        {
            { IsInterface: true } => "interface",
            { IsEnum: true } => "enum",
            { IsValueType: true } => "struct",
            { IsAbstract: true, IsSealed: true } => "static class",
            _ when type.GetMethod("<Clone>$") is not null => "record",
            _ => "class",
        };
        var bases = new List<string>();
        if (type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum))
            bases.Add(Name(b));
        bases.AddRange(type.GetInterfaces()
            .Where(i => !(i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEquatable<>)))
            .Select(Name).Order(StringComparer.Ordinal));
        return bases.Count == 0 ? $"{kind} {type.Name}" : $"{kind} {type.Name} : {string.Join(", ", bases)}";
    }

    private static string Render(Type type, NullabilityInfo info)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner) return Name(inner) + "?";
        var name = type.IsGenericType
            ? $"{GenericName(type)}<{string.Join(", ", type.GetGenericArguments().Select((a, i) => Render(a, info.GenericTypeArguments[i])))}>"
            : Name(type);
        return !type.IsValueType && info.ReadState == NullabilityState.Nullable ? name + "?" : name;
    }

    private static string Name(Type type) =>
        Aliases.TryGetValue(type, out var alias) ? alias
        : type.IsGenericType ? $"{GenericName(type)}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>"
        : type.Name;

    private static string GenericName(Type type) => type.Name[..type.Name.IndexOf('`')];
}
