using System.Reflection;

namespace Actors.Remote.Configuration;

/// <summary>Reads an embedded text resource, failing with its name when it is not there.</summary>
internal static class EmbeddedText
{
    /// <summary>The text of <paramref name="resourceName"/> in <paramref name="assembly"/>.</summary>
    /// <exception cref="InvalidOperationException">The assembly has no such resource.</exception>
    public static string Read(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"embedded resource missing: name={resourceName}, assembly={assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
