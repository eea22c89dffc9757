using System.Management.Automation;
using SeedCorr.PowerShell.Common;
using SkiaSharp;

namespace SeedCorr.PowerShell.Commands;

/// <summary>The static figures' part of the stat-map cmdlets: size, colour-bar symmetry and writing the file.</summary>
public abstract class StaticFigureCommandBase : StatMapFigureCommandBase
{
    /// <summary>The colour bar spans −VMax…VMax; -Symmetric:$false shows only the signs the map has.</summary>
    [Parameter]
    public bool Symmetric { get; set; } = true;

    /// <summary>Figure width in pixels (points for .pdf and .svg).</summary>
    [Parameter]
    [ValidateRange(200, 10000)]
    public int Width { get; set; } = 1000;

    /// <summary>Figure height in pixels (points for .pdf and .svg).</summary>
    [Parameter]
    [ValidateRange(100, 10000)]
    public int Height { get; set; } = 380;

    /// <summary>Writes the drawing to the given path (format by extension) and passes the file through when asked.</summary>
    private protected void WriteFigure(string action, Action<SKCanvas> draw)
    {
        var file = FigureOutput.Write(this, GivenPath, NoClobber, Force, action, Width, Height, draw);
        if (file is not null && PassThru)
        {
            WriteObject(file);
        }
    }
}
