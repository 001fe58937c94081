package main

import (
	"fmt"
	"log"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync/atomic"
)

// numbers is the random-number API of the probes lab: after FAIL_AFTER calls to /rng it breaks,
// and from then on /healthz answers 500, so the liveness probe restarts the container. v2 is the
// broken update: its health check depends on an upstream it can never reach, so it is never Ready.
func numbers(version string) error {
	failAfter, err := strconv.Atoi(env("FAIL_AFTER", "3"))
	if err != nil {
		return fmt.Errorf("FAIL_AFTER: %v", err)
	}
	var calls atomic.Int64
	broken := func() bool { return calls.Load() >= int64(failAfter) }
	log.Printf("numbers-api %s starting; unhealthy after %d calls", version, failAfter)
	mux := http.NewServeMux()
	mux.HandleFunc("/rng", func(w http.ResponseWriter, r *http.Request) {
		if broken() {
			log.Printf("rng: refusing, the generator is broken")
			http.Error(w, "random number generator broken", http.StatusInternalServerError)
			return
		}
		n := calls.Add(1)
		v := rand.IntN(100)
		log.Printf("rng call %d: %d", n, v)
		if broken() {
			log.Printf("rng: %d calls served, the generator is now broken", n)
		}
		fmt.Fprintln(w, v)
	})
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		switch {
		case version == "v2":
			log.Printf("healthz: upstream random.org unreachable")
			http.Error(w, "upstream unreachable", http.StatusServiceUnavailable)
		case broken():
			log.Printf("healthz: unhealthy after %d calls", calls.Load())
			http.Error(w, "unhealthy", http.StatusInternalServerError)
		default:
			fmt.Fprintln(w, "ok")
		}
	})
	return serve(":80", mux)
}
