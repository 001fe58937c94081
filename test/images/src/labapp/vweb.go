package main

import (
	"bytes"
	"fmt"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

// vweb serves its version and the files of its config directory (a ConfigMap volume), read on
// every request, so an in-place ConfigMap update shows without a restart: "hot reload". It logs
// each config change it sees. v3 is the broken release of the lab: it refuses to start without a
// config file.
func vweb(version string) error {
	dir := env("CONFIG_DIR", "/usr/share/nginx/html/config")
	index := filepath.Join(dir, "index.html")
	log.Printf("vweb %s starting", version)
	if version == "v3" {
		if _, err := os.Stat(index); err != nil {
			return fmt.Errorf("vweb v3 requires a config file: %v", err)
		}
	}
	go watchConfig(index)
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "<h1>vweb %s</h1>\n", version)
	})
	mux.HandleFunc("/version", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, version) })
	mux.Handle("/config/", http.StripPrefix("/config/", http.FileServer(http.Dir(dir))))
	return serve(":80", mux)
}

// watchConfig polls rather than using inotify: the kubelet swaps a ConfigMap volume's contents
// through a symlink, which a poll of the content sees without special cases.
func watchConfig(file string) {
	var last []byte
	seen := false
	for {
		b, err := os.ReadFile(file)
		if err == nil && (!seen || !bytes.Equal(b, last)) {
			log.Printf("config loaded from %s: %q", file, firstLine(b))
			last, seen = b, true
		}
		time.Sleep(time.Second)
	}
}

func firstLine(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	return string(b)
}
