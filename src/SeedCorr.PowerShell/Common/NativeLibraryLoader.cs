using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace SeedCorr.PowerShell.Common;

/// <summary>
/// pwsh does not look in a module's <c>runtimes/&lt;rid&gt;/native</c> folder, so without this the plotting cmdlets
/// fail in a real shell with "Unable to load shared library 'libSkiaSharp'". On import, the module's load context
/// resolves its unmanaged libraries from that folder itself.
/// </summary>
public sealed class NativeLibraryLoader : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string ModuleDirectory = System.IO.Path.GetDirectoryName(typeof(NativeLibraryLoader).Assembly.Location) ?? AppContext.BaseDirectory;

    /// <inheritdoc />
    public void OnImport()
    {
        var context = AssemblyLoadContext.GetLoadContext(typeof(NativeLibraryLoader).Assembly) ?? AssemblyLoadContext.Default;
        context.ResolvingUnmanagedDll -= Resolve;
        context.ResolvingUnmanagedDll += Resolve;
    }

    /// <inheritdoc />
    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        var context = AssemblyLoadContext.GetLoadContext(typeof(NativeLibraryLoader).Assembly) ?? AssemblyLoadContext.Default;
        context.ResolvingUnmanagedDll -= Resolve;
    }

    /// <summary>The native folder for this process: runtimes/{os}-{arch}/native (macOS natives are universal: "osx").</summary>
    internal static string NativeDirectory()
    {
        var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        var rid = OperatingSystem.IsWindows() ? $"win-{arch}" : OperatingSystem.IsMacOS() ? "osx" : $"linux-{arch}";
        return System.IO.Path.Combine(ModuleDirectory, "runtimes", rid, "native");
    }

    private static IntPtr Resolve(Assembly assembly, string name)
    {
        var folder = NativeDirectory();
        var extension = OperatingSystem.IsWindows() ? ".dll" : OperatingSystem.IsMacOS() ? ".dylib" : ".so";
        foreach (var file in new[] { name, name + extension, "lib" + name + extension })
        {
            var path = System.IO.Path.Combine(folder, file);
            if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }
}
