using System.Management.Automation;
using SeedCorr.Plotting;
using SkiaSharp;

namespace SeedCorr.PowerShell.Common;

/// <summary>Writes a figure (.png, .svg, .pdf by extension) the way every SeedCorr writer writes: see <see cref="OutputFile"/>.</summary>
internal static class FigureOutput
{
    /// <summary>The file written, or null after an error or when the user declined.</summary>
    public static FileInfo? Write(SeedCorrCmdlet cmdlet, string givenPath, bool noClobber, bool force, string action, int width, int height, Action<SKCanvas> draw)
    {
        if (!FigureFile.IsSupported(givenPath))
        {
            cmdlet.WriteError(ErrorRecords.Create(ErrorIds.FigureFormatUnsupported, ErrorCategory.InvalidArgument, givenPath,
                $"'{givenPath}': figures are saved as .png, .svg or .pdf, chosen by the extension.", "Name the file with one of those extensions."));
            return null;
        }

        string? target = null;
        try
        {
            target = OutputFile.Prepare(cmdlet, givenPath, noClobber, force, action);
            if (target is null)
            {
                return null;
            }

            // Drawing a 2 mm figure or a viewer page takes up to a few hundred ms: say what is being drawn, then done.
            var progress = new CmdletProgress(cmdlet, 9, cmdlet.MyInvocation.MyCommand.Name, $"{action} into {System.IO.Path.GetFileName(target)}");
            try
            {
                progress.Report(0);
                FigureFile.Save(target, width, height, draw, OutputFile.Existing(noClobber, force));
                progress.Report(1);
            }
            finally
            {
                progress.Complete();
            }

            cmdlet.WriteVerbose($"Wrote {target}");
            return new FileInfo(target);
        }
        catch (SeedCorr.Core.IO.FileReadOnlyException ex)
        {
            cmdlet.WriteError(OutputFile.ReadOnly(ex, target ?? givenPath));
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            cmdlet.WriteError(ErrorRecords.Create(ErrorIds.FigureWriteFailed, ErrorCategory.WriteError, target ?? givenPath,
                $"{target ?? givenPath}: {ex.Message}", "Check that the folder is writable.", ex));
            return null;
        }
    }
}
