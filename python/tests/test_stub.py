# SPDX-License-Identifier: Apache-2.0
"""The type stub (cipherexplain/__init__.pyi) says what the module has: the same public names,
the same attributes per class, and the same parameters (names, order, keyword-only, defaults)
per function and method as pybind11's signatures in the docstrings."""

import ast
import inspect
import pathlib

import cipherexplain as c

STUB = pathlib.Path(c.__file__).with_name("__init__.pyi")


def stub_tree():
    return ast.parse(STUB.read_text())


def public(names):
    return {n for n in names if not n.startswith("_")} | ({"__version__"} & set(names))


def parameters(args: ast.arguments, skip_self):
    positional = args.posonlyargs + args.args
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    out = [(a.arg, False, d) for a, d in zip(positional, defaults)]
    out += [(a.arg, True, d) for a, d in zip(args.kwonlyargs, args.kw_defaults)]
    out = out[1:] if skip_self else out
    return [(name, kw, default_value(d)) for name, kw, d in out]


def default_value(node):
    if node is None:
        return "<none>"
    if isinstance(node, ast.Constant) and node.value is Ellipsis:
        return "<any>"
    try:
        return ast.literal_eval(node)
    except ValueError:
        return ast.unparse(node)


def runtime_parameters(obj, skip_self):
    doc = (obj.__doc__ or "").splitlines()
    if doc and "(" in doc[0] and doc[0].split("(")[0].isidentifier() and " -> " in doc[0]:
        # pybind11: "name(arg: type = default, *, ...) -> type" on the first line.
        fn = ast.parse("def " + doc[0].split(" -> ")[0] + ": pass").body[0]
        return parameters(fn.args, skip_self)
    sig = inspect.signature(obj)
    out = []
    for i, p in enumerate(sig.parameters.values()):
        if skip_self and i == 0:
            continue
        default = "<none>" if p.default is p.empty else p.default
        out.append((p.name, p.kind == p.KEYWORD_ONLY, default))
    return out


def same(stub_params, real_params):
    assert [p[:2] for p in stub_params] == [p[:2] for p in real_params]
    for (name, _, s), (_, _, r) in zip(stub_params, real_params):
        assert s == r or (s == "<any>" and r != "<none>"), (name, s, r)


def test_the_stub_names_exactly_the_public_names():
    names = set()
    for node in stub_tree().body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign):
            names.add(node.target.id)
    names = {n for n in names if not n.startswith("_")} | ({"__version__"} & names)
    assert names == public(dir(c)) - {"annotations"} - {"List", "Sequence", "Union"}
    assert names == set(c.__all__)


def test_every_function_signature_matches():
    for node in stub_tree().body:
        if isinstance(node, ast.FunctionDef):
            same(parameters(node.args, False), runtime_parameters(getattr(c, node.name), False))


def test_every_class_has_the_stubs_attributes_and_method_signatures():
    for node in stub_tree().body:
        if not isinstance(node, ast.ClassDef):
            continue
        cls = getattr(c, node.name)
        stub_members = {m.name: m for m in node.body if isinstance(m, ast.FunctionDef)}
        stub_members.update({m.target.id: m for m in node.body if isinstance(m, ast.AnnAssign)})
        if issubclass(cls, BaseException):
            assert not stub_members
            continue
        real = {n for n in dir(cls) if not n.startswith("_")}
        if node.name == "Comparison":
            real |= {"evaluations"}  # an instance attribute (__slots__)
        assert {n for n in stub_members if not n.startswith("_")} == real, node.name
        for name, member in stub_members.items():
            if isinstance(member, ast.FunctionDef) and not any(
                    isinstance(d, ast.Name) and d.id == "property" for d in member.decorator_list):
                if name.startswith("__") and name != "__init__":
                    assert hasattr(cls, name), (node.name, name)
                    continue
                same(parameters(member.args, True),
                     runtime_parameters(getattr(cls, name), True))
            elif isinstance(member, ast.FunctionDef):
                assert isinstance(inspect.getattr_static(cls, name), property), (node.name, name)
