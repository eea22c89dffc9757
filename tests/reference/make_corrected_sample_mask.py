"""Reference outputs for nilearn.signal.clean with a sample mask and a Butterworth filter, with nilearn 0.10.4's
index-mask defect corrected (see docs/nilearn-differences.md).

nilearn 0.10.4 turns the sample mask into kept indices and then interpolates with `volumes[~sample_mask, :] = ...`:
on an integer array `~` is bitwise NOT, so it writes positions -(i+1) — a censored volume is interpolated only when
its mirror T-1-i is kept. This script runs the same steps as nilearn (scipy CubicSpline not-a-knot, linear detrend,
scipy.signal.butter(5, band, output="ba") + filtfilt(padtype="odd"), censoring, z-scored confounds, pivoted QR with
nilearn's 100*eps threshold, population-std z-score) with every censored volume interpolated. It reproduces nilearn's
own goldens to 1e-13 when the defect is re-introduced (variable EMULATE_DEFECT), which checks the emulation.

Run with Debian's python3-scipy 1.10.1 (the version nilearn's goldens were made with):
    python3 tests/reference/make_corrected_sample_mask.py tests/data/unit tests/data/reference
"""
import sys
import numpy as np
from scipy import linalg, signal as sp
from scipy.interpolate import CubicSpline

unit, out_dir = sys.argv[1], sys.argv[2]
EMULATE_DEFECT = False


def detrend(x):
    x = x - x.mean(0)
    r = np.arange(x.shape[0], dtype=x.dtype)
    r -= r.mean()
    r /= np.sqrt((r ** 2).sum())
    return x - np.outer(r, r @ x)


def zscore(x):
    x = x - x.mean(0)
    s = x.std(0)
    s[s < np.finfo(float).eps] = 1
    return x / s


b, a = sp.butter(5, [0.01, 0.1], btype="band", output="ba", fs=0.5)


def filt(x):
    return np.column_stack([sp.filtfilt(b, a, c, padtype="odd") for c in x.T])


def interpolate(v, idx, mask, extrapolate):
    v = v.copy()
    ft = np.arange(v.shape[0]) * 2.0
    full = CubicSpline(ft[idx], v[idx], extrapolate=extrapolate)(ft)
    target = ~idx if EMULATE_DEFECT else ~mask
    v[target] = full[target]
    return v


def clean(x, c, mask, extrapolate):
    idx = np.where(mask)[0]
    xi, ci = interpolate(x, idx, mask, extrapolate), interpolate(c, idx, mask, extrapolate)
    keep = ~np.isnan(xi).all(axis=1)
    xi, ci = xi[keep], ci[keep]
    kept_idx = idx - idx[0] if not extrapolate else idx
    s = filt(detrend(xi))[kept_idx]
    cc = zscore(filt(detrend(ci))[kept_idx])
    q, r, _ = linalg.qr(cc, mode="economic", pivoting=True)
    q = q[:, np.abs(np.diag(r)) > np.finfo(np.float64).eps * 100.0]
    return zscore(s - q @ (q.T @ s))


x = np.load(f"{unit}/clean__input_signals.npy")
c = np.load(f"{unit}/clean__input_confounds.npy")
mask = np.load(f"{unit}/clean__input_sample_mask_bool.npy")
for name, extrapolate in [("sample_mask_butterworth", True), ("sample_mask_no_extrapolate", False)]:
    out = clean(x, c, mask, extrapolate)
    np.save(f"{out_dir}/clean__{name}__corrected.npy", out)
    print(name, out.shape)
