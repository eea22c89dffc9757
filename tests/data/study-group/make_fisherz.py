"""Makes the per-run Fisher-z maps of tests/data/study-group from the study fixture's nilearn r maps.

Run once from this folder with numpy and nibabel:  python3 make_fisherz.py /work/shared/fixtures/study
Volume 0 of each run's reference spheres_r.nii.gz is the PCC seed, volume 1 the LAG seed. Fisher z as the fixture's
README defines it (arctanh of r clamped at +-tanh 4), stored as float32 as SeedCorr's Export-FisherZ writes it.
"""
import shutil
import sys
from pathlib import Path

import nibabel as nib
import numpy as np

study = Path(sys.argv[1])
runs = ["sub-01_task-rest", "sub-02_task-rest", "sub-03_task-rest_run-1", "sub-03_task-rest_run-2", "sub-04_task-rest"]
for run in runs:
    img = nib.load(study / "reference" / run / "spheres_r.nii.gz")
    r = np.asarray(img.dataobj, dtype=np.float64)
    for volume, seed in ((0, "PCC"), (1, "LAG")):
        if seed == "LAG" and run != "sub-01_task-rest":
            continue  # one map of another seed is enough for the mixed-seed error
        z = np.arctanh(np.clip(r[..., volume], -0.999329, 0.999329)).astype(np.float32)
        out = nib.Nifti1Image(z, img.affine)
        out.header.set_xyzt_units("mm")
        name = f"{run}_space-MNI152NLin2009cAsym_stat-fisherz_desc-{seed}_boldmap.nii.gz"
        nib.save(out, ("other-seed/" if seed == "LAG" else "") + name)
for name in ("mask", "pcc_mean_z", "pcc_t", "pcc_p"):
    shutil.copyfile(study / "reference" / "group" / f"{name}.nii.gz", f"reference/{name}.nii.gz")
