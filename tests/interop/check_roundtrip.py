"""Checks files written by SeedCorr's Export-Nifti against the conformance fixtures they were made from, with
nibabel (shape, affine, qform == sform, values, TR) and niftilib's nifti_tool (-check_hdr -check_nim).

Usage: python3 check_roundtrip.py OUTDIR   (run by verify-interop.sh, which writes OUTDIR first)
Needs Debian's python3-nibabel and nifti-bin. nifti_tool 2.09 checks only NIfTI-1 headers: NIfTI-2 files are
reported as not applicable. SeedCorr holds data as float32, so references are compared after a float32 cast.
"""
import nibabel as nib, numpy as np, json, glob, os, subprocess, sys
out_dir = sys.argv[1]
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data', 'nifti')
m = json.load(open(os.path.join(root, 'manifest.json')))
valid = {os.path.splitext(e['id'].replace('.gz',''))[0]: e for e in m['valid']}
fails = 0; n = 0; tool_bad = 0; not_applicable = 0
for f in sorted(glob.glob(os.path.join(out_dir, '*'))):
    base = os.path.basename(f)
    key = base.split('.f32')[0].split('.orig')[0]
    e = valid[key]
    try:
        ref = nib.load(os.path.join(root, e['path']))
    except Exception as ex:
        print('skip (nibabel cannot read the reference):', base); continue
    ours = nib.load(f)
    n += 1
    problems = []
    if ours.shape != ref.shape: problems.append(f'shape {ours.shape} vs {ref.shape}')
    if not np.allclose(ours.affine, ref.affine, atol=1e-5, rtol=1e-6): problems.append('affine')
    # qform and sform of our file must agree with each other
    if ours.header['sform_code'] > 0 and ours.header['qform_code'] > 0 and not np.allclose(ours.header.get_qform(), ours.header.get_sform(), atol=1e-4): problems.append('qform!=sform')
    a = ref.get_fdata(); b = ours.get_fdata()
    with np.errstate(over='ignore'):
        a = a.astype(np.float32).astype(np.float64)  # in memory SeedCorr holds float32
    if ref.get_data_dtype().kind in 'iu' and '.orig' in base and ref.get_data_dtype().itemsize == 8:
        ok = np.array_equal(np.nan_to_num(a.astype(np.float32)), np.nan_to_num(b.astype(np.float32)))
    else:
        ok = np.array_equal(np.isnan(a), np.isnan(b)) and np.allclose(np.nan_to_num(a), np.nan_to_num(b), rtol=1e-6, atol=0)
    if not ok: problems.append(f'values maxdiff {np.nanmax(np.abs(a-b))}')
    zr = ref.header.get_zooms(); zo = ours.header.get_zooms()
    if len(zr) > 3 and e.get('tr_seconds') and abs(zo[3]*( {'msec':0.001,'usec':1e-6}.get(ours.header.get_xyzt_units()[1],1)) - e['tr_seconds']) > 1e-6*e['tr_seconds']: problems.append(f'TR {zo[3]} {ours.header.get_xyzt_units()} vs {e["tr_seconds"]}')
    r = subprocess.run(['nifti_tool','-check_hdr','-check_nim','-infiles',f], capture_output=True, text=True)
    out = r.stdout + r.stderr
    if ours.header.sizeof_hdr == 540:
        not_applicable += 1
    elif 'IS GOOD' not in out or 'BAD' in out or 'invalid' in out.lower():
        tool_bad += 1; problems.append('nifti_tool: ' + out.strip().replace('\n',' | ')[:200])
    if problems:
        fails += 1; print(base, problems)
print(f'{n} files written by SeedCorr: {n - fails} read back identically in nibabel {nib.__version__}; '
      f'nifti_tool: {n - tool_bad - not_applicable} GOOD, {tool_bad} BAD, {not_applicable} NIfTI-2 not applicable')
sys.exit(1 if fails else 0)
