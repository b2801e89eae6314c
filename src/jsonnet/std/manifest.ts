// Standard library family (registered in ../std.ts).
// Manifesting values as text: JSON variants, YAML, INI, Python, XML (JsonML), TOML.
import {
  manifestIni,
  manifestPython,
  manifestPythonVars,
  manifestToml,
  manifestXmlJsonml,
  manifestYamlDoc,
  manifestYamlStream,
} from "../manifest.ts";
import { manifestJson } from "../output.ts";
import type { Value } from "../value.ts";
import type { StdKit } from "./kit.ts";

export function manifest(k: StdKit): void {
  const { interp, def, str, arr, obj, bool } = k;
  def("manifestJson", ["value"], ([v], pos) => manifestJson(interp, v as Value, "    ", pos));
  def("manifestJsonMinified", ["value"], ([v], pos) => manifestJson(interp, v as Value, "", pos, false, "", ":"));
  def(
    "manifestJsonEx",
    ["value", "indent", "newline", "key_val_sep"],
    ([v, i, n, k], pos) =>
      manifestJson(
        interp,
        v as Value,
        str("manifestJsonEx", i as Value, pos),
        pos,
        false,
        str("manifestJsonEx", n as Value, pos),
        str("manifestJsonEx", k as Value, pos),
      ),
    { newline: "\n", key_val_sep: ": " },
  );
  def(
    "manifestYamlDoc",
    ["value", "indent_array_in_object", "quote_keys"],
    ([v, ia, qk], pos) =>
      manifestYamlDoc(
        interp,
        v as Value,
        bool("manifestYamlDoc", ia as Value, pos),
        bool("manifestYamlDoc", qk as Value, pos),
        pos,
      ),
    { indent_array_in_object: false, quote_keys: true },
  );
  def(
    "manifestYamlStream",
    ["value", "indent_array_in_object", "c_document_end", "quote_keys"],
    ([v, ia, de, qk], pos) =>
      manifestYamlStream(
        interp,
        arr("manifestYamlStream", v as Value, pos),
        bool("manifestYamlStream", ia as Value, pos),
        bool("manifestYamlStream", de as Value, pos),
        bool("manifestYamlStream", qk as Value, pos),
        pos,
      ),
    { indent_array_in_object: false, c_document_end: true, quote_keys: true },
  );
  def("manifestIni", ["ini"], ([v], pos) => manifestIni(interp, obj("manifestIni", v as Value, pos), pos));
  def("manifestPython", ["v"], ([v], pos) => manifestPython(interp, v as Value, pos));
  def("manifestPythonVars", ["conf"], ([v], pos) =>
    manifestPythonVars(interp, obj("manifestPythonVars", v as Value, pos), pos),
  );
  def("manifestXmlJsonml", ["value"], ([v], pos) => manifestXmlJsonml(interp, v as Value, pos));
  def("manifestToml", ["value"], ([v], pos) => manifestToml(interp, obj("manifestToml", v as Value, pos), "  ", pos));
  def("manifestTomlEx", ["value", "indent"], ([v, i], pos) =>
    manifestToml(interp, obj("manifestTomlEx", v as Value, pos), str("manifestTomlEx", i as Value, pos), pos),
  );
}
