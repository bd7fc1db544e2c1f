"""The learner's variables are never lost silently: checks over the real jupyter_client.

Run with Debian's Python: /usr/bin/python3 kernel_variables.py SCENARIO
JUPYTER_PATH must name the share/jupyter folder holding kernels/seqlab. Exits 0 when every check of the scenario
holds; otherwise prints what failed and exits 1. KernelVariablesIT runs each scenario (on every JDK of the matrix).

Each scenario is a case where JShell recompiles an earlier cell's code: a later import, a redefined method, a
redefined class, a failed initializer. Expected: what the jshell tool gives (values kept where it keeps them),
and where a variable has to be reset or dropped, the cell says which.
"""

from kernel_protocol import Kernel, check, errors, ok, plain, result_text, streams, run_scenario


def value(k, code):
    return result_text(ok(k, code))


def failing(k, code):
    reply, outputs = k.execute(code)
    check(reply["status"] == "error", f"{code!r} should fail but gave {reply['status']}")
    return streams(outputs), plain(" ".join(" ".join(e["traceback"]) + e["evalue"] for e in errors(outputs)))


def scenario_imports():
    """Imports in a later cell recompile every earlier cell; the values stay."""
    with Kernel() as k:
        ok(k, 'String word = "kept"; var net = Recurrent.rnn(1, 2, 1, new Random(1)); double lr = 0.1;')
        said = streams(ok(k, "import java.util.concurrent.atomic.*; import java.time.*;"))
        check(said == "", f"an import made the kernel say {said!r}")
        shown = streams(ok(k, 'System.out.println(word); System.out.println(net); System.out.println(lr);')).split("\n")
        check(shown[0] == "kept", f"word after the imports is {shown[0]!r}")
        check(shown[1].startswith("Recurrent[") and "null" not in shown[1], f"net after the imports is {shown[1]!r}")
        check(shown[2] == "0.1", f"lr after the imports is {shown[2]!r}")


def scenario_redefined_method():
    """A method redefined with a new body: a variable computed by the old one keeps its value."""
    with Kernel() as k:
        ok(k, "int f() { return 1; }")
        ok(k, "var v = f();")
        said = streams(ok(k, "int f() { return 2; }"))
        check(said == "", f"redefining f made the kernel say {said!r}")
        check(value(k, "v") == "1", f"v after f was redefined is {value(k, 'v')}, not 1 as the jshell tool keeps it")
        check(value(k, "f()") == "2", "the redefined f is not the one called")


def scenario_redefined_model_builder():
    """A model built by a method: redefining the method keeps the model built and trained before."""
    with Kernel() as k:
        ok(k, "Recurrent build() { return Recurrent.rnn(1, 2, 1, new Random(1)); }")
        ok(k, "var net = build();")
        before = value(k, "net.parameters().get(\"weight_hh_l0\").value().getDouble(0)")
        ok(k, "Recurrent build() { return Recurrent.rnn(1, 8, 1, new Random(2)); }")
        check(value(k, "net == null") == "false", "the model built before was lost when build() was redefined")
        check(value(k, "net.parameters().get(\"weight_hh_l0\").value().getDouble(0)") == before,
              "the model changed when build() was redefined")
        check("(1 -> 2" in value(k, "net.toString()"), f"net is not the model built before: {value(k, 'net.toString()')}")


def scenario_redefined_class():
    """A class whose method body changes is redefined in place: its objects keep their state and use the new code."""
    with Kernel() as k:
        ok(k, "class Scale { double factor = 2; double apply(double x) { return factor * x; } }")
        ok(k, "Scale s = new Scale();\ns.factor = 5;")
        said = streams(ok(k, "class Scale { double factor = 2; double apply(double x) { return factor * x + 1; } }"))
        check(said == "", f"a body-only change made the kernel say {said!r}")
        check(value(k, "s.factor") == "5.0", f"s lost its state: factor is {value(k, 's.factor')}")
        check(value(k, "s.apply(1)") == "6.0", f"s does not use the redefined method: apply(1) is {value(k, 's.apply(1)')}")


def scenario_reshaped_class():
    """A class that gains a method cannot be redefined in place: its objects are reset, and the cell says so."""
    with Kernel() as k:
        ok(k, "class Scale { double apply(double x) { return 2 * x; } }")
        ok(k, "Scale s = new Scale();\nint uses = 3;")
        said = streams(ok(k, "class Scale { double apply(double x) { return 2 * x; } double twice(double x) { return 4 * x; } }"))
        check("variable s was reset to null: its type Scale was redefined" in said, f"the reset of s was not said: {said!r}")
        check("uses" not in said, f"a variable that was kept is named: {said!r}")
        check(value(k, "uses") == "3", "an unrelated variable was lost")
        check(value(k, "s == null") == "true", "s should be reset (its old object is not a Scale of the new shape)")


def scenario_failed_initializer():
    """A var whose initializer fails is never assigned: its next use says so instead of a NullPointerException."""
    with Kernel() as k:
        ok(k, 'String path = null;')
        said, error = failing(k, "var lines = path.lines().toList();")
        check("NullPointerException" in error, f"the failing cell does not show its own error: {error!r}")
        check("variable lines is not defined: its initializer failed" in said, f"the failure was not explained: {said!r}")
        said, error = failing(k, "lines.size()")
        check("variable lines was never assigned because its cell failed (NullPointerException" in said,
              f"the use of lines does not say why it has no value: {said!r}")
        check("NullPointerException" not in error, f"the use of lines failed with a NullPointerException: {error!r}")
        ok(k, 'path = "a\\nb";')
        ok(k, "var lines = path.lines().toList();")
        check(value(k, "lines.size()") == "2", "lines is not usable once its cell ran")


def scenario_failed_redeclaration():
    """Running a variable's cell again with a failing initializer keeps the earlier value and says so."""
    with Kernel() as k:
        ok(k, "int hidden = 64;")
        said, error = failing(k, 'int hidden = Integer.parseInt("many");')
        check("NumberFormatException" in error, f"the failing cell does not show its own error: {error!r}")
        check("variable hidden keeps its earlier value: its new initializer failed" in said, f"not said: {said!r}")
        check(value(k, "hidden") == "64", f"hidden is {value(k, 'hidden')} after the failed re-declaration")


SCENARIOS = {
    "imports": scenario_imports,
    "redefined-method": scenario_redefined_method,
    "redefined-model-builder": scenario_redefined_model_builder,
    "redefined-class": scenario_redefined_class,
    "reshaped-class": scenario_reshaped_class,
    "failed-initializer": scenario_failed_initializer,
    "failed-redeclaration": scenario_failed_redeclaration,
}

if __name__ == "__main__":
    run_scenario(SCENARIOS)
