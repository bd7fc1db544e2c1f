"""Jupyter's own kernel test suite (jupyter_kernel_test, Debian's python3-jupyter-kernel-test) run against the
course kernel, with Java samples for each of its tests.

Run with Debian's Python: /usr/bin/python3 jupyter_suite.py
JUPYTER_PATH must name the share/jupyter folder holding kernels/seqlab. JupyterKernelTestIT runs it.
"""
import os
import unittest

import jupyter_kernel_test
from jupyter_client.manager import start_new_kernel
from jupyter_client.utils import run_sync
from jupyter_kernel_test.msgspec_v5 import validate_message

# A loaded CI machine can take longer than the suite's 15 s to start a JVM or run a first cell.
STARTUP_TIMEOUT = 180
EXECUTE_TIMEOUT = 120


class CourseKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("SEQLAB_KERNEL_NAME", "seqlab")
    language_name = "Java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("a warning");'

    completion_samples = [
        {"text": "Math.ma", "matches": {"max("}},
        {"text": "Trainer.builder().epo", "matches": {"epochs("}},
        {"text": "List<String> names = new ArrayL", "matches": {"ArrayList("}},
    ]

    complete_code_samples = [
        "int x = 3;",
        "1 + 1",
        "for (int i = 0; i < 3; i++) {\n    System.out.println(i);\n}",
        "void twice(int n) { System.out.println(2 * n); }",
    ]
    incomplete_code_samples = [
        "for (int i = 0; i < 3; i++) {",
        "int y = Math.max(1,",
        'String s = """\n    first line',
    ]
    invalid_code_samples = [
        "int int int = 3;",
        "1 +* 2;",
        'String s = "abc',
    ]

    code_generate_error = 'throw new IllegalStateException("boom");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "Math.abs(-2.5)", "result": "2.5"},
        {"code": "Nd4j.zeros(DataType.FLOAT, 2, 3)", "mime": "text/plain"},
    ]

    code_display_data = [
        {"code": 'display("shown");', "mime": "text/plain"},
        {"code": 'XYChart chart = new XYChartBuilder().width(120).height(80).build();\n'
                 'chart.addSeries("s", new double[] {1, 2}, new double[] {2, 1});\n'
                 'display(chart);', "mime": "image/png"},
    ]

    code_history_pattern = "Math.abs*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max("

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=cls.kernel_name, startup_timeout=STARTUP_TIMEOUT)

    def execute_helper(self, code, timeout=EXECUTE_TIMEOUT, silent=False, store_history=True, stop_on_error=True):
        """The suite's own helper with the same checks (every message valid and of this execution, busy first,
        the code echoed, idle last), waiting up to `timeout` for each IOPub message instead of 1 s for the busy
        status and 0.1 s for each message after it: on a loaded 2-core machine a JVM kernel's messages can be
        that far apart."""
        msg_id = self.kc.execute(code=code, silent=silent, store_history=store_history, stop_on_error=stop_on_error)
        reply = self.get_non_kernel_info_reply(timeout=timeout)
        validate_message(reply, "execute_reply", msg_id)
        busy_msg = run_sync(self.kc.iopub_channel.get_msg)(timeout=timeout)
        validate_message(busy_msg, "status", msg_id)
        self.assertEqual(busy_msg["content"]["execution_state"], "busy")
        output_msgs = []
        while True:
            msg = run_sync(self.kc.iopub_channel.get_msg)(timeout=timeout)
            validate_message(msg, msg["msg_type"], msg_id)
            if msg["msg_type"] == "status":
                self.assertEqual(msg["content"]["execution_state"], "idle")
                break
            if msg["msg_type"] == "execute_input":
                self.assertEqual(msg["content"]["code"], code)
                continue
            output_msgs.append(msg)
        return reply, output_msgs


if __name__ == "__main__":
    unittest.main(verbosity=2)
