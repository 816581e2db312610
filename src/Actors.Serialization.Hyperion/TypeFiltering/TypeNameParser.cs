using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Actors.Serialization.Hyperion.TypeFiltering;

/// <summary>
/// Takes apart the type-name strings Hyperion passes to <see cref="global::Hyperion.ITypeFilter"/>, without loading anything.
/// </summary>
/// <remarks>
/// Hyperion passes two forms. Reading a payload, it passes the name stored in the payload, with versions stripped and the
/// core library shortened: <c>System.Collections.Generic.List`1[[MyApp.Ping, MyApp]], System.Private.CoreLib,%core%</c>.
/// Writing, it passes <see cref="Type.AssemblyQualifiedName"/> of the message's own type, versions included. Both follow the
/// <see cref="Type.GetType(string)"/> grammar. A reader's name comes from the peer, so anything this parser does not fully
/// understand (escapes, pointers, by-refs, unbalanced brackets, trailing text) is rejected, and the type is refused.
/// </remarks>
internal static class TypeNameParser
{
    /// <summary>Parses <paramref name="text"/>, or returns false when it is not a name this filter will vouch for.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ParsedTypeName? result)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(text) || text.Contains('\\') || text.Contains('&'))
        {
            return false;
        }

        var position = 0;
        if (!TryParseName(text, ref position, nested: false, allowAssembly: true, out result) || position != text.Length)
        {
            result = null;
            return false;
        }

        return true;
    }

    // name := simple-name [generic-args] {array-suffix} [',' assembly]
    // Nested (inside a generic argument), the assembly part ends at the closing ']'.
    private static bool TryParseName(
        string text, ref int position, bool nested, bool allowAssembly, [NotNullWhen(true)] out ParsedTypeName? result)
    {
        result = null;
        var start = position;
        while (position < text.Length && text[position] is not ('[' or ']' or ','))
        {
            position++;
        }

        var name = text[start..position].Trim();
        if (name.Length == 0 || name.Contains('*') || name.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var arguments = ImmutableArray<ParsedTypeName>.Empty;
        var arraySuffix = string.Empty;
        while (position < text.Length && text[position] == '[')
        {
            var next = position + 1 < text.Length ? text[position + 1] : '\0';
            if (next is ']' or ',' or '*')
            {
                var suffixStart = position++;
                while (position < text.Length && text[position] is ',' or '*')
                {
                    position++;
                }

                if (position >= text.Length || text[position] != ']')
                {
                    return false;
                }

                position++;
                arraySuffix += text[suffixStart..position];
            }
            else if (arguments.IsEmpty && arraySuffix.Length == 0)
            {
                if (!TryParseGenericArguments(text, ref position, out arguments))
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        string? assembly = null;
        if (position < text.Length && text[position] == ',')
        {
            if (!allowAssembly)
            {
                // An unbracketed generic argument ends at a comma; the caller reads the next argument.
                result = new ParsedTypeName(name, arguments, arraySuffix, null);
                return true;
            }

            position++;
            var assemblyStart = position;
            while (position < text.Length && text[position] is not ('[' or ']'))
            {
                position++;
            }

            if (position < text.Length && (text[position] == '[' || !nested))
            {
                return false;
            }

            assembly = text[assemblyStart..position].Split(',')[0].Trim();
            if (assembly.Length == 0 || assembly.Any(char.IsWhiteSpace))
            {
                return false;
            }
        }

        result = new ParsedTypeName(name, arguments, arraySuffix, assembly);
        return true;
    }

    // generic-args := '[' arg {',' arg} ']'   where arg := '[' name-with-assembly ']' | name-without-assembly
    private static bool TryParseGenericArguments(string text, ref int position, out ImmutableArray<ParsedTypeName> arguments)
    {
        arguments = ImmutableArray<ParsedTypeName>.Empty;
        var builder = ImmutableArray.CreateBuilder<ParsedTypeName>();
        position++; // '['
        while (true)
        {
            SkipSpaces(text, ref position);
            ParsedTypeName? argument;
            if (position < text.Length && text[position] == '[')
            {
                position++;
                if (!TryParseName(text, ref position, nested: true, allowAssembly: true, out argument)
                    || position >= text.Length || text[position] != ']')
                {
                    return false;
                }

                position++;
            }
            else if (!TryParseName(text, ref position, nested: true, allowAssembly: false, out argument))
            {
                return false;
            }

            builder.Add(argument);
            SkipSpaces(text, ref position);
            if (position >= text.Length)
            {
                return false;
            }

            if (text[position] == ']')
            {
                position++;
                arguments = builder.ToImmutable();
                return true;
            }

            if (text[position] != ',')
            {
                return false;
            }

            position++;
        }
    }

    private static void SkipSpaces(string text, ref int position)
    {
        while (position < text.Length && text[position] == ' ')
        {
            position++;
        }
    }
}
