import sys, statistics
from collections import defaultdict
runs=defaultdict(list)
for l in open(sys.argv[1]):
    f=l.split()
    if len(f)==6: runs[f[0]].append(list(map(float,f[1:])))
med={v:[statistics.median(c[i] for c in rs) for i in range(5)] for v,rs in runs.items()}
nat=med['native'][0]
print('| variant | runs | CPU median (s) | CPU min (s) | CPU vs native | type_check_crate (s) | MIR_borrow_checking (s) | parse+expand (s) |')
print('|---|--:|--:|--:|--:|--:|--:|--:|')
for v,m in med.items():
    print(f'| {v} | {len(runs[v])} | {m[0]:.3f} | {min(c[0] for c in runs[v]):.3f} | {m[0]/nat:.2f}x | {m[1]:.3f} | {m[2]:.3f} | {m[3]+m[4]:.3f} |')
