package main

import (
	"database/sql"
	"fmt"
	"html"
	"log"
	"net/http"
	"net/url"
	"time"

	_ "github.com/lib/pq"
)

// todo is the to-do list's web front end: items are stored in PostgreSQL (table "ToDos", the
// name the lab's test Job counts), reached by the database Service's name.
func todo(version string) error {
	host := env("Database__Host", "localhost")
	dsn := (&url.URL{
		Scheme:   "postgres",
		User:     url.UserPassword(env("Database__User", "postgres"), env("Database__Password", "")),
		Host:     host + ":5432",
		Path:     env("Database__Name", "postgres"),
		RawQuery: "sslmode=disable&connect_timeout=3",
	}).String()
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	log.Printf("todo-list %s starting, database at %s", version, host)
	go connect(db, host)
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			item := r.FormValue("item")
			if _, err := db.Exec(`INSERT INTO "ToDos" ("Item") VALUES ($1)`, item); err != nil {
				log.Printf("add %q: %v", item, err)
				http.Error(w, err.Error(), http.StatusServiceUnavailable)
				return
			}
			log.Printf("added %q", item)
			http.Redirect(w, r, "/", http.StatusSeeOther)
			return
		}
		rows, err := db.Query(`SELECT "Item" FROM "ToDos" ORDER BY "ToDoId"`)
		if err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		defer rows.Close()
		fmt.Fprintf(w, "<h1>To-do list %s</h1><ul>\n", version)
		for rows.Next() {
			var item string
			if err := rows.Scan(&item); err == nil {
				fmt.Fprintf(w, "<li>%s</li>\n", html.EscapeString(item))
			}
		}
		fmt.Fprintln(w, `</ul><form method="post"><input name="item"><button>Add</button></form>`)
	})
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := db.Ping(); err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
	})
	return serve(":80", mux)
}

// connect retries until the database answers, then creates the table (the original app's
// migration), logging what it waits for.
func connect(db *sql.DB, host string) {
	for {
		var v string
		err := db.QueryRow(`SELECT version()`).Scan(&v)
		if err == nil {
			_, err = db.Exec(`CREATE TABLE IF NOT EXISTS "ToDos" ("ToDoId" serial PRIMARY KEY, "Item" text NOT NULL, "DateAdded" timestamptz NOT NULL DEFAULT now())`)
		}
		if err == nil {
			log.Printf("connected to %s: %s", host, v)
			return
		}
		log.Printf("waiting for the database at %s: %v", host, err)
		time.Sleep(2 * time.Second)
	}
}
