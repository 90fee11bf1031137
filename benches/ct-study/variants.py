"""Variants of the expanded gens-baozi crate (see tokens.py for how to get it),
as edits on token spans, to learn what each part of the expansion costs rustc:

    benches/ct-study/variants.py $OUT/baozi.expanded.rs LETTERS >vLETTERS.rs

LETTERS (any of them, in any order; none = the expansion as it is, made
compilable on stable):
  a  no per-expansion `impl StateEnum`: Done/Poisoned/Returned move to a
     runtime enum `Slot<S, T>` around the state (needs baozi-core patched with
     slot_runtime.patch)
  b  one enum: the __BaoziBlock variants become state variants, a jump writes
     the state, the dispatch matches the state alone
  f  dead locals stored as themselves, not through `__baozi_dead(&x).store(x)`
  1  no `#[allow(..)]` attributes
  2  `::baozi_core::__private::`, `::core::option::Option::`, `::core::mem::`
     and `::baozi_core::GeneratorState::` through short `use` names
vtime.sh times the crates made from them (mk.sh), med.py tabulates."""
import re, sys
sys.path.insert(0, __import__('os').path.dirname(__file__))
from tokens import TOKEN

def lexpos(text):
    out = []  # (kind, text, depth, start, end)
    pos = depth = 0
    while pos < len(text):
        m = TOKEN.match(text, pos)
        kind = m.lastgroup if m.lastgroup != 'hashes' else 'raw'
        a, pos = m.start(), m.end()
        if kind in ('ws', 'comment'): continue
        if kind == 'close':
            depth -= 1
        out.append((kind, m.group(), depth, a, pos))
        if kind == 'open': depth += 1
    return out

def groups(toks):
    """index of open -> index of its close"""
    st, close = [], {}
    for k, t in enumerate(toks):
        if t[0] == 'open': st.append(k)
        elif t[0] == 'close': close[st.pop()] = k
    return close

class Ed:
    def __init__(self, text):
        self.text = text; self.toks = lexpos(text); self.close = groups(self.toks); self.edits = []
    def T(self, k): return self.toks[k][1] if k < len(self.toks) else ''
    def delete(self, a, b):  # token indices, inclusive a..b
        self.edits.append((self.toks[a][3], self.toks[b][4], ''))
    def replace(self, a, b, s): self.edits.append((self.toks[a][3], self.toks[b][4], s))
    def insert_before(self, a, s): self.edits.append((self.toks[a][3], self.toks[a][3], s))
    def insert_after(self, b, s): self.edits.append((self.toks[b][4], self.toks[b][4], s))
    def result(self):
        out, last = [], 0
        for a, b, s in sorted(self.edits, key=lambda e: (e[0], e[1])):
            if a < last: continue  # overlapping: keep the first
            out.append(self.text[last:a]); out.append(s); last = b
        out.append(self.text[last:]); return ''.join(out)

def strip_prelude(text):
    text = text.replace('#![feature(prelude_import)]\nextern crate std;\n#[prelude_import]\nuse std::prelude::rust_2024::*;\n', '#![allow(warnings)]\nextern crate alloc;\n', 1)
    text = text.replace('#[allow(non_exhaustive_omitted_patterns)] ', '')
    text = text.replace('::alloc::__export::must_use(', '::core::convert::identity(')
    return text

def no_state_enum_impl(text):
    """(a): the StateEnum impls go; Done/Poisoned/Returned move to the runtime's Slot."""
    e = Ed(text); n = len(e.toks); T = e.T
    SLOT = '::baozi_core::__private::Slot'
    for k in range(n):
        if T(k) == 'impl' and e.toks[k][2] == 1:
            j = k
            while T(j) != '{': j += 1
            if any(t[1] == 'StateEnum' for t in e.toks[k:j]):
                e.delete(k, e.close[j])
        elif T(k) == 'enum' and T(k + 1).startswith('StateOf_'):
            # generics: drop TReturn
            j = k + 2
            if T(j) == '<':
                m = j
                while T(m) != '>': m += 1
                if T(m - 1) == 'TReturn':
                    if T(m - 2) == ',': e.delete(m - 2, m - 1)
                    else: e.delete(j, m)
                while T(m) != '{': m += 1
                body = m
            else:
                body = j
            c = e.close[body]
            # delete `Done, Poisoned, Returned(TReturn),`
            for q in range(body, c):
                if T(q) == 'Done' and T(q + 1) == ',' and T(q - 1) in (',', '{', '}'):
                    # from Done through Returned(...) ,
                    r = q
                    while T(r) != 'Returned': r += 1
                    end = e.close[r + 1]
                    if T(end + 1) == ',': end += 1
                    e.delete(q, end)
                    break
        elif T(k).startswith('StateOf_') and T(k + 1) == ':' and T(k + 2) == ':' and T(k - 1) != 'enum':
            v = T(k + 3)
            if v in ('Done', 'Poisoned', 'Returned'):
                e.replace(k, k, SLOT)
            elif T(k + 4) == '{':
                e.insert_before(k, SLOT + '::Live(')
                e.insert_after(e.close[k + 4], ')')
    return e.result()

def no_allow_attrs(text):
    """(c1): no #[allow(..)] attributes."""
    e = Ed(text); T = e.T
    for k in range(len(e.toks) - 2):
        if T(k) == '#' and T(k + 1) == '[' and T(k + 2) == 'allow' and e.toks[k][2] > 0:
            e.delete(k, e.close[k + 1])
    return e.result()

def short_paths(text):
    """(c2): `::baozi_core::__private::X` and `::core::option::Option::X`, `::core::mem::X`
    through short names imported once at the top."""
    rep = [('::baozi_core::__private::', '__p::'), ('::core::option::Option::', 'Option::'),
           ('::core::mem::', '__m::'), ('::baozi_core::GeneratorState::', '__G::')]
    for a, b in rep: text = text.replace(a, b)
    return text.replace('extern crate alloc;\n', 'extern crate alloc;\nuse ::baozi_core::__private as __p; use ::core::mem as __m; use ::baozi_core::GeneratorState as __G;\n', 1)

def no_rebind(text):
    """(c3): `#[allow(..)] let mut x = __baozi_fN;` rebinding lets: the binding takes the
    field directly (`B1 { total_0: mut total }`) -- approximated by renaming: every
    `let [mut] x = __baozi_fN;` is deleted and `__baozi_fN` in patterns becomes `[mut] x`."""
    e = Ed(text); T = e.T; n = len(e.toks)
    # find `let mut? IDENT = __baozi_fN ;` ; record per enclosing arm (approximate: per function)
    ren = {}
    k = 0
    fn_id = 0
    renames = []  # (fn_id, fname, newname, let span)
    for k in range(n):
        if T(k) == 'fn' and e.toks[k][2] == 0: fn_id += 1
        if T(k) == 'let':
            j = k + 1; mut = ''
            if T(j) == 'mut': mut = 'mut '; j += 1
            if e.toks[j][0] == 'ident' and T(j + 1) == '=' and re.fullmatch(r'__baozi_f\d+', T(j + 2)) and T(j + 3) == ';':
                a = k
                # include a preceding #[allow(...)]
                if T(k - 1) == ']' :
                    q = k - 1
                    while T(q) != '#': q -= 1
                    a = q
                renames.append((fn_id, T(j + 2), mut + T(j), a, j + 3))
    return e, renames


def one_enum(text):
    """(b1): the __BaoziBlock variants become variants of the state enum; a jump writes the
    state and continues; the dispatch matches the state alone; the resume value is taken
    from an Option once."""
    e = Ed(text); T = e.T; n = len(e.toks); toks = e.toks
    P = '::baozi_core::__private::impossible_state()'
    k = 0
    while k < n:
        if not (T(k) == 'enum' and T(k + 1).startswith('StateOf_')):
            k += 1; continue
        sname = T(k + 1)
        # state enum generics and body
        j = k + 2; sgen = []
        if T(j) == '<':
            m = j + 1
            while T(m) != '>':
                if toks[m][0] == 'ident': sgen.append(T(m))
                m += 1
            gen_open, gen_close = j, m; j = m + 1
        else:
            gen_open = gen_close = None
        sbody = j; sclose = e.close[sbody]
        # the block enum after it
        b = sclose
        while not (T(b) == 'enum' and T(b + 1) == '__BaoziBlock'): b += 1
        attr = b - 1
        while T(attr) != '#': attr -= 1  # #[allow(dead_code)]
        j = b + 2; bgen = []
        if T(j) == '<':
            m = j + 1
            while T(m) != '>':
                if toks[m][0] == 'ident': bgen.append(T(m))
                m += 1
            j = m + 1
        bbody = j; bclose = e.close[bbody]
        # block variants text (without Resume)
        variants = []
        q = bbody + 1
        while q < bclose:
            name = T(q); g = q + 1
            end = e.close[g]
            if name != 'Resume':
                variants.append(e.text[toks[q][3]:toks[end][4]] + ',')
            q = end + 1
            if T(q) == ',': q += 1
        newgen = sgen[:-1] + [g for g in bgen if g != 'R' and g not in sgen] + sgen[-1:]
        if gen_open is not None:
            e.replace(gen_open, gen_close, '<' + ', '.join(newgen) + '>')
        else:
            e.insert_after(k + 1, '<' + ', '.join(newgen) + '>')
        # the StateEnum impl between the two enums: the same generics
        for z in range(sclose, b):
            if (T(z) == 'impl' or T(z) == sname) and T(z + 1) == '<':
                m = z + 1
                while T(m) != '>': m += 1
                e.replace(z + 1, m, '<' + ', '.join(newgen) + '>')
        # insert the block variants before `Done`
        q = sbody
        while not (T(q) == 'Done' and toks[q][2] == toks[sbody][2] + 1): q += 1
        e.insert_before(q, ' '.join(variants) + ' ')
        e.delete(attr, bclose)
        # the dispatch
        d = bclose
        while not (T(d) == '__baozi_cur' and T(d + 1) == '='): d += 1
        # `let mut __baozi_cur = __BaoziBlock::Resume { __baozi_value: __baozi_arg };`
        let = d
        while T(let) != 'let': let -= 1
        a = let - 1
        if T(a) == ']':
            while T(a) != '#': a -= 1
        else: a = let
        semi = d
        while T(semi) != ';': semi += 1
        e.replace(a, semi, 'let mut __baozi_resume = ::core::option::Option::Some(__baozi_arg);')
        mt = semi
        while not (T(mt) == 'match' and T(mt + 1) == '(' and T(mt + 2) == '__baozi_cur'): mt += 1
        e.replace(mt + 1, e.close[mt + 1], '&*__baozi_state')
        arms_open = e.close[mt + 1] + 1
        arms_close = e.close[arms_open]
        q = arms_open + 1
        while q < arms_close:
            if T(q) == '#':  # attribute
                q = e.close[q + 1] + 1; continue
            if T(q) == '_':  # final arm
                break
            pat = q; pclose = e.close[pat]
            arrow = pclose + 1; body = arrow + 2
            assert T(body) == '{', (T(body), e.text[toks[pat][3]:toks[pat][3]+200])
            bend = e.close[body]
            # tuple pattern: (__BaoziBlock :: NAME {FIELDS} , SECOND)
            name = T(pat + 4); fo = pat + 5; fc = e.close[fo]
            second = e.text[toks[fc + 2][3]:toks[pclose - 1][4]]
            fields = e.text[toks[fo][3]:toks[fc][4]]
            inplace = any(t[1] == '__baozi_guard' for t in toks[body:bend])
            if name == 'Resume':
                inner = [t[1] for t in toks[fo + 1:fc]]
                if inner == ['__baozi_value', ':', '__baozi_first'] or inner == ['__baozi_value']:
                    var = inner[-1]
                    pre = f'let {var} = match __baozi_resume.take() {{ ::core::option::Option::Some(v) => v, ::core::option::Option::None => {P} }};'
                elif inner == []:
                    pre = ''
                else:
                    raise SystemExit(f'resume pattern {inner}')
                e.replace(pat, pclose, second)
                e.insert_after(body, pre)
            else:
                e.replace(pat, pclose, f'{sname}::{name} {{ .. }}')
                e.insert_after(body, f'let {sname}::{name} {fields} = ::core::mem::replace(__baozi_state, {sname}::Poisoned) else {{ {P} }};')
            # jumps inside the body
            for z in range(body, bend):
                if T(z) == '__baozi_cur' and T(z + 1) == '=' and T(z + 2) == '__BaoziBlock':
                    target = '*__baozi_guard.state' if inplace else '*__baozi_state'
                    e.replace(z, z + 2, f'{target} = {sname}')
            q = bend + 1
            if T(q) == ',': q += 1
        k = arms_close
    return e.result()

def no_dead_dispatch(text):
    """(f): a dead local is stored as itself (`x`), not through `__baozi_dead(&x).store(x)`
    (autoref specialisation: a method probe over three traits per store)."""
    text = re.sub(r'__baozi_dead(?:_borrow)?\(&(\w+)\)\.store\(\1\)', r'\1', text)
    return text

if __name__ == '__main__':
    src = open(sys.argv[1]).read()
    src = strip_prelude(src)
    v = sys.argv[2]
    if 'b' in v: src = one_enum(src)
    if 'a' in v: src = no_state_enum_impl(src)
    if 'f' in v: src = no_dead_dispatch(src)
    if '1' in v: src = no_allow_attrs(src)
    if '2' in v: src = short_paths(src)
    sys.stdout.write(src)
