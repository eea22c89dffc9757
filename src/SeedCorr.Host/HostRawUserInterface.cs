using System.Management.Automation.Host;

namespace SeedCorr.Host;

/// <summary>Just enough of a raw UI for the formatter: a 120-column buffer (the console's width when there is one).</summary>
internal sealed class HostRawUserInterface : PSHostRawUserInterface
{
    private static int Width
    {
        get
        {
            try
            {
                return Console.IsOutputRedirected || Console.WindowWidth <= 0 ? 120 : Console.WindowWidth;
            }
            catch (IOException)
            {
                return 120;
            }
        }
    }

    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

    public override Size BufferSize { get => new(Width, 9999); set { } }

    public override Coordinates CursorPosition { get; set; }

    public override int CursorSize { get; set; }

    public override bool KeyAvailable => false;

    public override Size MaxPhysicalWindowSize => new(Width, 50);

    public override Size MaxWindowSize => new(Width, 50);

    public override Coordinates WindowPosition { get; set; }

    public override Size WindowSize { get => new(Width, 50); set { } }

    public override string WindowTitle { get; set; } = "SeedCorr";

    public override void FlushInputBuffer()
    {
    }

    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => new BufferCell[0, 0];

    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("This host is non-interactive.");

    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill)
    {
    }

    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents)
    {
    }

    public override void SetBufferContents(Rectangle rectangle, BufferCell fill)
    {
    }
}
