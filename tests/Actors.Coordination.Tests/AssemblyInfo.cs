using System.Runtime.Versioning;

// Lock files, modes and owners: the tests run where the locks work, on Linux.
[assembly: SupportedOSPlatform("linux")]
