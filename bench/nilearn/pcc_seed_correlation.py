"""nilearn 0.10.4's seed-to-voxel pipeline on given files, for bench/user-path.ps1 (SeedCorr's benchmark harness).

The same steps as examples/pcc-seed-correlation.ps1 in the nilearn API: an 8 mm sphere at MNI (0, -52, 18) and a
brain masker with 6 mm smoothing, both cleaned with linear detrending, a 0.01-0.1 Hz band-pass and every column of the
confounds file regressed out, z-scored; correlation as the mean product of z-scores, Fisher z by arctanh, both maps
written as .nii.gz; with the figures (two signal line plots as PNG, the stat map as PDF and PNG) unless --no-plots.

Needs a python where `import nilearn` gives 0.10.4 (the harness passes -NilearnPython / -NilearnPath). Prints one
JSON line per run: {"run": i, "pipeline_s": ..., "plots_s": ..., "total_s": ...}; run 0 is the cold one (imports are
done before it, so it pays nilearn's first-call costs, not the import), the others are warm.
"""
import argparse
import json
import os
import sys
import time
import warnings


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("func", help="4D BOLD image (.nii or .nii.gz), MNI space")
    parser.add_argument("confounds", help="confounds table (TSV); all columns are regressed out")
    parser.add_argument("out_dir", help="folder for the maps and figures (created if needed)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of the pipeline in this process (default 1)")
    parser.add_argument("--no-plots", action="store_true", help="skip the figures")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


SEED = (0, -52, 18)


def run_once(args, t_r, np, maskers, plotting, plt):
    cleaning = dict(detrend=True, standardize=True, low_pass=0.1, high_pass=0.01, t_r=t_r)
    start = time.perf_counter()
    sphere = maskers.NiftiSpheresMasker([SEED], radius=8, **cleaning)
    seed_signal = sphere.fit_transform(args.func, confounds=[args.confounds])
    brain = maskers.NiftiMasker(smoothing_fwhm=6, **cleaning)
    brain_signals = brain.fit_transform(args.func, confounds=[args.confounds])
    # z-scored columns: the mean of the products is Pearson's r.
    r = np.dot(brain_signals.T, seed_signal) / seed_signal.shape[0]
    z = np.arctanh(r)
    r_img = brain.inverse_transform(r.T)
    z_img = brain.inverse_transform(z.T)
    r_img.to_filename(os.path.join(args.out_dir, "pcc_seed_correlation.nii.gz"))
    z_img.to_filename(os.path.join(args.out_dir, "pcc_seed_correlation_z.nii.gz"))
    pipeline = time.perf_counter() - start

    plots = 0.0
    if not args.no_plots:
        start = time.perf_counter()
        line_plot(plt, seed_signal, "Seed time series (Posterior cingulate cortex)",
                  os.path.join(args.out_dir, "seed_time_series.png"))
        columns = [c for c in (10, 45, 100, 5000, 10000) if c < brain_signals.shape[1]]
        line_plot(plt, brain_signals[:, columns], f"{len(columns)} voxel time series",
                  os.path.join(args.out_dir, "voxel_time_series.png"))
        display = plotting.plot_stat_map(r_img, threshold=0.5, vmax=1, cut_coords=SEED,
                                         title="Seed-to-voxel correlation (PCC seed)")
        display.add_markers(marker_coords=[SEED], marker_color="g", marker_size=300)
        for ext in ("pdf", "png"):
            display.savefig(os.path.join(args.out_dir, f"pcc_seed_correlation.{ext}"))
        display.close()
        plots = time.perf_counter() - start
    return pipeline, plots


def line_plot(plt, signals, title, path):
    fig = plt.figure(figsize=(8, 4))
    plt.plot(signals)
    plt.title(title)
    plt.xlabel("Scan number")
    plt.ylabel("Normalized signal")
    plt.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def main(argv):
    args = parse_args(argv)
    warnings.simplefilter("ignore")  # nilearn's deprecation notes (standardize=True) are not what is timed
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import nibabel
    import numpy as np
    import nilearn
    from nilearn import maskers, plotting

    os.makedirs(args.out_dir, exist_ok=True)
    zooms = nibabel.load(args.func).header.get_zooms()
    if len(zooms) < 4 or zooms[3] <= 0:
        print(f"{args.func}: no repetition time in the header", file=sys.stderr)
        return 2
    t_r = float(zooms[3])
    for run in range(args.repeat):
        pipeline, plots = run_once(args, t_r, np, maskers, plotting, plt)
        print(json.dumps({"run": run, "pipeline_s": round(pipeline, 4), "plots_s": round(plots, 4),
                          "total_s": round(pipeline + plots, 4), "nilearn": nilearn.__version__}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
