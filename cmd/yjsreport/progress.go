package main

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progressDelay is how long a run goes before progress appears: a county run finishes
// sooner and stays quiet; a regional or national one shows what it is doing.
const progressDelay = 2 * time.Second

// progress shows the current stage and elapsed time on stderr, rewriting one line, once a run
// has gone on longer than progressDelay — only when stderr is a terminal and not --quiet.
type progress struct {
	w       io.Writer
	enabled bool
	start   time.Time
	mu      sync.Mutex
	current string
	shown   bool
	rows    int
	stop    chan struct{}
	wg      sync.WaitGroup
	once    sync.Once
}

func (e *env) progress(quiet bool) *progress {
	p := &progress{w: e.stderr, enabled: e.stderrIsTTY && !quiet, start: time.Now(), stop: make(chan struct{})}
	if p.enabled {
		p.wg.Add(1)
		go p.loop()
	}
	return p
}

func (p *progress) loop() {
	defer p.wg.Done()
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.draw()
		}
	}
}

func (p *progress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	el := time.Since(p.start)
	if el < progressDelay || p.current == "" {
		return
	}
	fmt.Fprintf(p.w, "\r\033[Kyjsreport: %s… %.0fs", p.current, el.Seconds())
	p.shown = true
}

// stage names what the run is doing now.
func (p *progress) stage(format string, args ...any) {
	if !p.enabled {
		return
	}
	p.mu.Lock()
	p.current = fmt.Sprintf(format, args...)
	p.mu.Unlock()
	p.draw()
}

// fileDone reports a file read (ingest.Options.FileDone): its rows and the run's reading rate
// so far, on a line of its own, once the run is long enough to show progress.
func (p *progress) fileDone(file string, rows int) {
	if !p.enabled {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rows += rows
	el := time.Since(p.start)
	if el < progressDelay {
		return
	}
	fmt.Fprintf(p.w, "\r\033[Kyjsreport: read %s: %d rows (%.0f rows/s so far)\n", file, rows, float64(p.rows)/el.Seconds())
}

// done stops the display and clears its line; it may be called more than once.
func (p *progress) done() {
	if !p.enabled {
		return
	}
	p.once.Do(func() {
		close(p.stop)
		p.wg.Wait()
		if p.shown {
			fmt.Fprintf(p.w, "\r\033[K")
		}
	})
}
