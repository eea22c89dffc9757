using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SeedCorr.Browser.Tests;

/// <summary>
/// Headless Chromium driven over the DevTools protocol: one page, its websocket on 127.0.0.1 only, the events it
/// sends kept for assertions (requests, console errors, exceptions).
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly Dictionary<int, TaskCompletionSource<JsonObject>> _pending = [];
    private readonly List<JsonObject> _events = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _reader;
    private int _nextId;

    private Chromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>The chromium executable: $SEEDCORR_CHROMIUM, else chromium or chromium-browser on PATH.</summary>
    public static string? Find()
    {
        var given = Environment.GetEnvironmentVariable("SEEDCORR_CHROMIUM");
        if (!string.IsNullOrEmpty(given))
        {
            return File.Exists(given) ? given : null;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            foreach (var name in new[] { "chromium", "chromium-browser" })
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Starts Chromium (fails the test with how to install it when it is missing) and attaches to its page.</summary>
    public static async Task<Chromium> StartAsync(int width, int height)
    {
        var exe = Find();
        Assert.True(exe is not null,
            "Chromium was not found (set SEEDCORR_CHROMIUM, or run tests/browser/install-chromium.sh as root). " +
            "Set SEEDCORR_SKIP_BROWSER=1 to skip the browser tests.");
        var profile = Directory.CreateTempSubdirectory("seedcorr-chromium-").FullName;
        var info = new ProcessStartInfo(exe!)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
        {
            "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", $"--user-data-dir={profile}",
            $"--window-size={width},{height}", "--hide-scrollbars", "--force-device-scale-factor=1", "about:blank",
        })
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var chromium = new Chromium(process, profile);
        try
        {
            // With port 0 Chromium picks a free port and writes it (and the browser's websocket path) to this file.
            var portFile = Path.Combine(profile, "DevToolsActivePort");
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!File.Exists(portFile) || File.ReadAllLines(portFile).Length < 2)
            {
                Assert.True(DateTime.UtcNow < deadline && !process.HasExited, "Chromium did not open its DevTools port within 30 s");
                await Task.Delay(100);
            }

            var port = int.Parse(File.ReadAllLines(portFile)[0], System.Globalization.CultureInfo.InvariantCulture);
            using var http = new HttpClient();
            var list = JsonNode.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/json/list")))!.AsArray();
            var page = list.First(t => (string?)t!["type"] == "page")!;
            var ws = new Uri((string)page["webSocketDebuggerUrl"]!);
            Assert.Equal("127.0.0.1", ws.Host);
            await chromium._socket.ConnectAsync(ws, CancellationToken.None);
            chromium._reader = Task.Run(chromium.ReadLoop);
            await chromium.SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false });
            foreach (var domain in new[] { "Page", "Network", "Runtime", "Log" })
            {
                await chromium.SendAsync(domain + ".enable");
            }

            return chromium;
        }
        catch
        {
            await chromium.DisposeAsync();
            throw;
        }
    }

    /// <summary>The events received so far with this method name.</summary>
    public IReadOnlyList<JsonObject> Events(string method)
    {
        lock (_events)
        {
            return [.. _events.Where(e => (string?)e["method"] == method)];
        }
    }

    /// <summary>Sends a command and returns its result; a protocol error fails the test.</summary>
    public async Task<JsonObject> SendAsync(string method, JsonObject? parameters = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var done = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending)
        {
            _pending[id] = done;
        }

        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        var reply = await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(reply["error"] is null, $"{method}: {reply["error"]?.ToJsonString()}");
        return reply["result"]?.AsObject() ?? [];
    }

    /// <summary>Opens a URL and waits for its load event.</summary>
    public async Task NavigateAsync(Uri url)
    {
        var before = Events("Page.loadEventFired").Count;
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url.AbsoluteUri });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Events("Page.loadEventFired").Count == before)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{url} did not load within 30 s");
            await Task.Delay(50);
        }
    }

    /// <summary>Evaluates a JavaScript expression and returns its value (JSON).</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        Assert.True(result["exceptionDetails"] is null, $"{expression}: {result["exceptionDetails"]?.ToJsonString()}");
        return result["result"]?["value"];
    }

    /// <summary>A left click at page coordinates.</summary>
    public async Task ClickAsync(double x, double y)
    {
        await MouseAsync("mouseMoved", x, y);
        await MouseAsync("mousePressed", x, y);
        await MouseAsync("mouseReleased", x, y);
    }

    /// <summary>A mouse event at page coordinates.</summary>
    public Task<JsonObject> MouseAsync(string type, double x, double y) =>
        SendAsync("Input.dispatchMouseEvent", new JsonObject
        {
            ["type"] = type, ["x"] = x, ["y"] = y, ["button"] = type == "mouseMoved" ? "none" : "left", ["clickCount"] = type == "mouseMoved" ? 0 : 1,
        });

    /// <summary>A PNG screenshot of the viewport.</summary>
    public async Task<byte[]> ScreenshotAsync()
    {
        var result = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
        return Convert.FromBase64String((string)result["data"]!);
    }

    /// <summary>
    /// A screenshot of the viewport, decoded; kept as <paramref name="keepAs"/> in $SEEDCORR_SCREENSHOTS when that is set
    /// (how the README's images are made).
    /// </summary>
    public async Task<SkiaSharp.SKBitmap> ScreenshotBitmapAsync(string? keepAs = null)
    {
        var png = await ScreenshotAsync();
        if (keepAs is not null && Environment.GetEnvironmentVariable("SEEDCORR_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, keepAs), png);
        }

        return SkiaSharp.SKBitmap.Decode(png);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
        }

        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _stop.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium's helpers may still hold a file for a moment; the temp folder is cleaned by the OS.
        }
    }

    private async Task ReadLoop()
    {
        var buffer = new byte[1 << 20];
        var text = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var r = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                text.Write(buffer, 0, r.Count);
                if (!r.EndOfMessage)
                {
                    continue;
                }

                var message = JsonNode.Parse(text.ToArray())!.AsObject();
                text.SetLength(0);
                if (message["id"] is { } id)
                {
                    TaskCompletionSource<JsonObject>? waiting;
                    lock (_pending)
                    {
                        _pending.Remove((int)id, out waiting);
                    }

                    waiting?.TrySetResult(message);
                }
                else
                {
                    lock (_events)
                    {
                        _events.Add(message);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
    }
}
