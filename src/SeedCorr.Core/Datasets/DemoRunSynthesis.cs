using System.Text;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Nifti;

namespace SeedCorr.Core.Datasets;

/// <summary>
/// One synthetic run in memory, the data model the demo subject and the demo study both write from: the BOLD image,
/// the brain it was drawn in, and the time courses its confounds describe (networks, physiological noise, drift, head
/// motion with optional spikes). Nothing here touches the disk.
/// </summary>
internal sealed class DemoRunSynthesis
{
    private DemoRunSynthesis(DemoSubjectSize size, NiftiImage image, NiftiImage brainMask, double[][] networks, double[] csfNoise, double[] wmNoise,
        double[][] motion, double[] drift, double[][] compCor)
    {
        Size = size;
        Image = image;
        BrainMask = brainMask;
        Networks = networks;
        CsfNoise = csfNoise;
        WmNoise = wmNoise;
        Motion = motion;
        Drift = drift;
        CompCor = compCor;
        var nt = size.Volumes;
        FramewiseDisplacement = new double[nt];
        for (var t = 1; t < nt; t++)
        {
            for (var m = 0; m < 6; m++)
            {
                // Power's FD: rotations as arcs on a 50 mm sphere.
                FramewiseDisplacement[t] += Math.Abs(motion[m][t] - motion[m][t - 1]) * (m < 3 ? 1 : 50);
            }
        }

        CsfMean = Enumerable.Range(0, nt).Select(t => 1400 * (1 + (0.02 * csfNoise[t]) + (0.02 * drift[t]))).ToArray();
        WhiteMatterMean = Enumerable.Range(0, nt).Select(t => 700 * (1 + (0.01 * wmNoise[t]) + (0.02 * drift[t]))).ToArray();
        GlobalSignal = Enumerable.Range(0, nt).Select(t => 950 * (1 + (0.005 * networks[0][t]) + (0.02 * drift[t]))).ToArray();
        Dvars = Enumerable.Range(0, nt).Select(t => t == 0 ? 0 : 10 + (FramewiseDisplacement[t] * 20)).ToArray();
    }

    /// <summary>The grid, volumes and TR.</summary>
    public DemoSubjectSize Size { get; }

    /// <summary>The 4D BOLD image (float32, zero outside the head).</summary>
    public NiftiImage Image { get; }

    /// <summary>The brain the signal was planted in, 0/1 on the BOLD's grid (3D).</summary>
    public NiftiImage BrainMask { get; }

    /// <summary>The four planted networks' unit-variance time courses (DMN first).</summary>
    public double[][] Networks { get; }

    /// <summary>Cardiac/respiratory-band noise of the ventricles.</summary>
    public double[] CsfNoise { get; }

    /// <summary>Slow noise of the white matter.</summary>
    public double[] WmNoise { get; }

    /// <summary>trans x/y/z (mm), rot x/y/z (rad), spikes included.</summary>
    public double[][] Motion { get; }

    /// <summary>The linear drift, 0 → 1 over the run.</summary>
    public double[] Drift { get; }

    /// <summary>Six noise components (CSF noise, WM noise, four band-limited), unit variance.</summary>
    public double[][] CompCor { get; }

    /// <summary>Power's framewise displacement (mm), 0 at volume 0.</summary>
    public double[] FramewiseDisplacement { get; }

    /// <summary>Mean CSF signal.</summary>
    public double[] CsfMean { get; }

    /// <summary>Mean white-matter signal.</summary>
    public double[] WhiteMatterMean { get; }

    /// <summary>Mean signal of the head.</summary>
    public double[] GlobalSignal { get; }

    /// <summary>DVARS (0 at volume 0), growing with FD.</summary>
    public double[] Dvars { get; }

    /// <summary>Synthesizes a run. The demo subject is seed 20240418, noise seed 7, no spikes.</summary>
    /// <param name="size">Grid, volumes, TR.</param>
    /// <param name="seed">Seeds the time courses.</param>
    /// <param name="noiseSeed">Seeds the voxel noise.</param>
    /// <param name="spikes">Volumes at which the head jerks 0.6 mm along x and back (FD &gt; 0.5 mm there and at the next volume).</param>
    /// <param name="progress">Fraction done (0 → 1).</param>
    /// <param name="ct">Stops between slices.</param>
    public static DemoRunSynthesis Create(DemoSubjectSize size, int seed, int noiseSeed, IReadOnlyCollection<int> spikes, IProgress<double>? progress, CancellationToken ct)
    {
        int nx = size.Shape[0], ny = size.Shape[1], nz = size.Shape[2], nt = size.Volumes;
        var v = size.VoxelSize;
        var affine = Affine.Diagonal(v, v, v, size.Origin.X, size.Origin.Y, size.Origin.Z);
        var rng = new Random(seed);

        // Time courses: band-limited (≈0.01–0.1 Hz at TR 2 s) networks, physiological noise, drift, motion.
        var networks = Enumerable.Range(0, 4).Select(_ => BandLimited(rng, nt, size.RepetitionTime)).ToArray();
        var csfNoise = BandLimited(rng, nt, size.RepetitionTime, 0.08, 0.24);
        var wmNoise = BandLimited(rng, nt, size.RepetitionTime, 0.005, 0.05);
        var motion = Enumerable.Range(0, 6).Select(m => RandomWalk(rng, nt, m < 3 ? 0.03 : 0.0006)).ToArray(); // mm, rad
        foreach (var t in spikes)
        {
            motion[0][t] += 0.6;
        }

        var drift = Enumerable.Range(0, nt).Select(t => (double)t / nt).ToArray();

        // Regions: each network's centres (MNI mm).
        WorldPoint[][] regions =
        [
            [.. DemoSubject.DefaultModeNetwork],
            [new(-38, -22, 56), new(38, -22, 56), new(0, -10, 60)],   // sensorimotor
            [new(0, -86, 4), new(-20, -92, 0), new(20, -92, 0)],      // visual
            [new(-54, -18, 8), new(54, -18, 8)],                      // auditory
        ];

        var data = new float[(long)nx * ny * nz * nt];
        var volume = nx * ny * nz;
        var mask = new float[volume];
        var noiseRng = new Random(noiseSeed);
        for (var k = 0; k < nz; k++)
        {
            ct.ThrowIfCancellationRequested();
            progress?.Report((double)k / nz);
            for (var j = 0; j < ny; j++)
            {
                for (var i = 0; i < nx; i++)
                {
                    var (x, y, z) = affine.Apply(i, j, k);
                    // Brain: an ellipsoid the size of an adult brain in MNI space; a 6 mm scalp shell around it.
                    var brain = Ellipsoid(x, y, z, 0, -18, 8, 68, 86, 74);
                    var head = Ellipsoid(x, y, z, 0, -18, 8, 76, 94, 84);
                    if (head > 1)
                    {
                        continue; // background stays exactly 0
                    }

                    var inBrain = brain <= 1;
                    var csf = inBrain && Ellipsoid(x, y, z, 0, -14, 14, 10, 30, 16) <= 1; // ventricles
                    var weights = regions.Select(net => net.Max(c => Falloff(x, y, z, c))).ToArray();
                    // Deep tissue is white matter, except where a planted region reaches (those are grey matter).
                    var wm = inBrain && !csf && brain < 0.3 && weights.Max() < 0.05;
                    var baseline = !inBrain ? 300 : csf ? 1400 : wm ? 700 : 1000;
                    var f = i + (nx * (j + (ny * k)));
                    mask[f] = inBrain ? 1 : 0;
                    // A spatial gradient through which motion leaks into the signal (strongest at the edges).
                    var edge = Math.Clamp(brain, 0, 1.2);
                    for (var t = 0; t < nt; t++)
                    {
                        double s = 1;
                        if (inBrain && !csf && !wm)
                        {
                            for (var n = 0; n < networks.Length; n++)
                            {
                                s += 0.02 * weights[n] * networks[n][t];
                            }
                        }

                        s += csf ? 0.02 * csfNoise[t] : wm ? 0.01 * wmNoise[t] : 0.003 * csfNoise[t];
                        s += 0.02 * drift[t];
                        s += edge * ((0.4 * motion[0][t]) + (0.3 * motion[1][t]) + (0.3 * motion[2][t]) + (12 * motion[3][t]));
                        s += 0.02 * Gaussian(noiseRng);
                        data[((long)t * volume) + f] = (float)(baseline * s);
                    }
                }
            }
        }

        var header = new NiftiHeader { SformCode = 4, QformCode = 4, DescripBytes = [.. Encoding.ASCII.GetBytes("SeedCorr synthetic demo subject")] };
        var image = NiftiImage.Create(data, [nx, ny, nz, nt], affine, size.RepetitionTime, header);
        var maskHeader = new NiftiHeader { SformCode = 4, QformCode = 4, DescripBytes = [.. Encoding.ASCII.GetBytes("SeedCorr synthetic demo brain mask")] };
        var brainMask = NiftiImage.Create(mask, [nx, ny, nz], affine, null, maskHeader);
        var compCor = Enumerable.Range(0, 6).Select(c => c switch
        {
            0 => csfNoise,
            1 => wmNoise,
            _ => BandLimited(rng, nt, size.RepetitionTime, 0.01, 0.2),
        }).ToArray();
        return new DemoRunSynthesis(size, image, brainMask, networks, csfNoise, wmNoise, motion, drift, compCor);
    }

    /// <summary>Unit-variance noise kept between two frequencies by a sum of random-phase sinusoids (deterministic).</summary>
    public static double[] BandLimited(Random rng, int n, double tr, double lo = 0.01, double hi = 0.1)
    {
        var x = new double[n];
        for (var c = 0; c < 24; c++)
        {
            var f = lo + (rng.NextDouble() * (hi - lo));
            var phase = rng.NextDouble() * 2 * Math.PI;
            var amp = 0.5 + rng.NextDouble();
            for (var t = 0; t < n; t++)
            {
                x[t] += amp * Math.Sin((2 * Math.PI * f * t * tr) + phase);
            }
        }

        var mean = x.Average();
        var sd = Math.Sqrt(x.Sum(a => (a - mean) * (a - mean)) / n);
        return x.Select(a => (a - mean) / sd).ToArray();
    }

    /// <summary>(x−cx)²/a² + … : ≤ 1 inside the ellipsoid.</summary>
    private static double Ellipsoid(double x, double y, double z, double cx, double cy, double cz, double a, double b, double c) =>
        (((x - cx) / a) * ((x - cx) / a)) + (((y - cy) / b) * ((y - cy) / b)) + (((z - cz) / c) * ((z - cz) / c));

    /// <summary>1 within the region's core radius, then a Gaussian fall-off.</summary>
    private static double Falloff(double x, double y, double z, WorldPoint c)
    {
        var d = Math.Sqrt(((x - c.X) * (x - c.X)) + ((y - c.Y) * (y - c.Y)) + ((z - c.Z) * (z - c.Z)));
        return d <= DemoSubject.RegionRadius ? 1 : Math.Exp(-((d - DemoSubject.RegionRadius) * (d - DemoSubject.RegionRadius)) / (2 * 6 * 6));
    }

    private static double[] RandomWalk(Random rng, int n, double step)
    {
        var x = new double[n];
        for (var t = 1; t < n; t++)
        {
            x[t] = (0.97 * x[t - 1]) + (step * Gaussian(rng));
        }

        return x;
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
