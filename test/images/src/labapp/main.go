// labapp: the applications of the labs, as one small static program so the images stay tiny and
// build in seconds. `labapp todo|vweb|numbers|get URL`; the version an image plays comes from
// APP_VERSION in its image config.
package main

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

func main() {
	log.SetFlags(0)
	log.SetOutput(os.Stdout)
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: labapp todo|vweb|numbers|get URL [FIELD=VALUE...]")
		os.Exit(2)
	}
	version := env("APP_VERSION", "v1")
	var err error
	switch os.Args[1] {
	case "todo":
		err = todo(version)
	case "vweb":
		err = vweb(version)
	case "numbers":
		err = numbers(version)
	case "get":
		err = get(os.Args[2:])
	default:
		err = fmt.Errorf("unknown app %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "fatal: %v\n", err)
		os.Exit(1)
	}
}

func env(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

// get is a tiny HTTP client for exec'ing into the app containers (they have no shell, and
// Debian's busybox wget crashes on this kernel): GET, or with FIELD=VALUE arguments a form POST;
// prints the body, exits 1 unless 2xx.
func get(args []string) error {
	if len(args) < 1 {
		return fmt.Errorf("usage: labapp get URL [FIELD=VALUE...]")
	}
	c := http.Client{Timeout: 5 * time.Second}
	var res *http.Response
	var err error
	if len(args) == 1 {
		res, err = c.Get(args[0])
	} else {
		form := url.Values{}
		for _, kv := range args[1:] {
			k, v, _ := strings.Cut(kv, "=")
			form.Add(k, v)
		}
		res, err = c.PostForm(args[0], form)
	}
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if _, err := io.Copy(os.Stdout, res.Body); err != nil {
		return err
	}
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("%s: %s", args[0], res.Status)
	}
	return nil
}

func serve(addr string, h http.Handler) error {
	srv := &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 5 * time.Second}
	log.Printf("listening on %s", addr)
	return srv.ListenAndServe()
}
