package main

// Reference: reads JSON {"tpl": "...", "data": <json>, "missing": "zero", "name": "x"} lines from stdin;
// prints JSON {"out": ..., "err": ...} per line. Data numbers: floats stay float64; {"$int": "5"} -> int64.
import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"text/template"
)

func conv(v any) any {
	switch x := v.(type) {
	case map[string]any:
		if s, ok := x["$int"]; ok && len(x) == 1 {
			n, _ := strconv.ParseInt(s.(string), 10, 64)
			return n
		}
		for k, e := range x {
			x[k] = conv(e)
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = conv(e)
		}
		return x
	}
	return v
}

type Meta struct {
	Name    string
	Version string
}

func (m *Meta) Greet(s string) string { return "hi " + s }

func main() {
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	enc := json.NewEncoder(os.Stdout)
	for sc.Scan() {
		var in struct {
			Tpl     string          `json:"tpl"`
			Data    json.RawMessage `json:"data"`
			Missing string          `json:"missing"`
			Name    string          `json:"name"`
		}
		json.Unmarshal(sc.Bytes(), &in)
		var data any
		if len(in.Data) > 0 {
			json.Unmarshal(in.Data, &data)
		}
		data = conv(data)
		if m, ok := data.(map[string]any); ok {
			m["Meta"] = &Meta{Name: "m", Version: "1"}
			m["Fn"] = func(s string) string { return "fn:" + s }
		}
		name := in.Name
		if name == "" {
			name = "x"
		}
		res := map[string]any{}
		funcs := template.FuncMap{
			"upper":  strings.ToUpper,
			"fail":   func(s string) (string, error) { return "", fmt.Errorf("%s", s) },
			"f64":    func(f float64) float64 { return f },
			"i":      func(i int) int { return i },
			"list":   func(a ...any) []any { return a },
			"strs":   func(a []string) string { return strings.Join(a, ",") },
			"def":    func(d any, a ...any) any { if len(a) == 0 || a[0] == nil { return d }; return a[0] },
			"dict":   func(a ...any) map[string]any { m := map[string]any{}; for i := 0; i+1 < len(a); i += 2 { m[a[i].(string)] = a[i+1] }; return m },
			"nilf":   func() any { return nil },
			"bytes":  func(s string) []byte { return []byte(s) },
		}
		t := template.New(name).Funcs(funcs)
		if in.Missing != "" {
			t.Option("missingkey=" + in.Missing)
		}
		_, err := t.Parse(in.Tpl)
		if err != nil {
			res["err"] = err.Error()
		} else {
			var b strings.Builder
			err = t.ExecuteTemplate(&b, name, data)
			res["out"] = b.String()
			if err != nil {
				res["err"] = err.Error()
			}
		}
		enc.Encode(res)
	}
}
