package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

// How a run replaces the report in its output folder O, whose parent folder is P.
//
// The new set of files is written into a fresh staging folder beside O, P/.O.yjsreport-new-ID
// (beside, not inside, so that it is on O's filesystem and becomes O by a rename), every file
// and the folder fsync'd. Files in O that are not of the new set (a user's own files, the PDFs
// of other quarters) are hard-linked into it. Then the staging folder and O are swapped:
//
//   - on Linux and macOS in one atomic step (renameat2 RENAME_EXCHANGE, renamex_np
//     RENAME_SWAP), where the filesystem supports it;
//   - elsewhere (Windows, network shares) by two renames, O → P/.O.yjsreport-old-ID, then
//     staging → O. Between the two, O is missing; a crash there is repaired by the next run,
//     which puts the old set back before anything else.
//
// Before the swap an empty marker, O/.yjsreport-replaced, is put in O, so that the folder that
// held the old set can be told from an unfinished staging folder after a crash. After the swap
// anything in the old folder that the new one lacks (sub-folders, files that could not be
// hard-linked, files added meanwhile) is moved across, and the old folder is removed.
//
// The whole commit runs under a lock on P/.O.yjsreport-lock (flock on Unix, LockFileEx on
// Windows; the system drops it when the process dies). Under the lock, as a run starts (tidy)
// and again before writing (commit), the leftovers of crashed runs are swept: a marked old
// folder is emptied into O (or becomes O again if O is missing), unfinished staging folders
// are removed — they hold data-quality.csv, which carries child ids — and so are the hidden
// temporaries of earlier versions.
//
// A run makes its staging folder as it starts (open), under the lock, because data-quality.csv
// is written into it as the input is read, and the problems of a file waiting its turn to be
// merged may be set aside in its scratch folder. Until the commit takes over, the run holds a
// lock on the staging folder's busy file, so that a sweep by another run leaves it alone while
// the run lives, and removes it once the run has died.
const (
	lockSuffix   = ".yjsreport-lock"     // P/.O + lockSuffix
	stagingInfix = ".yjsreport-new-"     // P/.O + stagingInfix + ID
	oldInfix     = ".yjsreport-old-"     // P/.O + oldInfix + ID
	replacedMark = ".yjsreport-replaced" // O/replacedMark: this folder is being replaced
	busyName     = ".yjsreport-busy"     // P/.O.yjsreport-new-ID/busyName: the run is reading
	scratchName  = ".yjsreport-scratch"  // P/.O.yjsreport-new-ID/scratchName: its temporary files
)

// lockWait is how long a run waits for another run writing to the same output folder before
// giving up. Writing a report takes a second or two even on a network share, so a lock held
// longer most likely belongs to a run that has hung. A variable so that tests can shorten it.
var lockWait = 30 * time.Second

// lockNotice is how long a run waits for the lock before saying that it is waiting.
var lockNotice = time.Second

// commitHook, when set (by tests only), is called at each step of a commit that a crash could
// interrupt, with the step's name: steps named "rename …" come just before a rename or swap.
var commitHook func(step string)

// useExchange says whether to try the atomic swap of folders; tests turn it off to exercise
// the two-rename path on systems that have it.
var useExchange = true

// errNoExchange is exchangeDirs's answer where folders cannot be swapped atomically.
var errNoExchange = errors.New("folders cannot be swapped atomically here")

// outputSet collects a run's output files and writes them all or none (see above): a crash,
// a kill or a failure at any moment leaves the output folder with the old complete set or the
// new complete set.
type outputSet struct {
	dir    string // --out as given, for messages
	names  []string
	data   map[string][]byte
	stderr io.Writer // for the waiting notice and warnings
	quiet  bool      // no waiting notice

	// Once open: where the set goes and the staging folder it is written into.
	target, parent, base string
	stage                string
	busy                 *os.File            // the staging folder's busy file, locked
	streams              map[string]*os.File // files written into the staging folder by the caller
	made                 []string            // folders above the output folder that open made, deepest first
	committed            bool
	warned               map[string]bool // warnings printed
}

func newOutputSet(dir string, stderr io.Writer, quiet bool) *outputSet {
	return &outputSet{dir: dir, data: map[string][]byte{}, streams: map[string]*os.File{}, stderr: stderr, quiet: quiet}
}

// add records a file to write.
func (o *outputSet) add(name string, b []byte) {
	if !o.has(name) {
		o.names = append(o.names, name)
	}
	o.data[name] = b
}

// has reports whether name is a file of the set, written whole or streamed (names lists both,
// and keeps listing a streamed file after stageFiles has closed it).
func (o *outputSet) has(name string) bool {
	return slices.Contains(o.names, name)
}

// open makes the staging folder beside the output folder, so that files can be streamed into
// it (stream) while the run goes on. commit opens it if the run has not; discard removes it.
func (o *outputSet) open() error {
	if o.stage != "" {
		return nil
	}
	target, err := resolvePath(o.dir)
	if err != nil {
		return withHint(fmt.Errorf("output folder %s cannot be created: %w", o.dir, unwrapPath(err)),
			"choose another --out folder, or check its permissions")
	}
	parent, base := filepath.Dir(target), filepath.Base(target)
	if parent == target {
		return withHint(fmt.Errorf("output folder %s is the top of a drive, which cannot be replaced", o.dir),
			"choose a folder inside it, e.g. --out report")
	}
	if fi, err := os.Stat(target); err == nil && !fi.IsDir() {
		return withHint(fmt.Errorf("output folder %s cannot be created: a file of that name is in the way", o.dir),
			"choose another --out folder, or move that file")
	}
	var missing []string // the folders above the output folder that are not there yet
	for p := parent; ; p = filepath.Dir(p) {
		if _, err := os.Lstat(p); err == nil || filepath.Dir(p) == p {
			break
		}
		missing = append(missing, p)
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return withHint(fmt.Errorf("output folder %s cannot be created: %w", o.dir, unwrapPath(err)),
			"choose another --out folder, or check its permissions")
	}
	o.target, o.parent, o.base, o.made = target, parent, base, missing

	// Under the lock, so that no sweep sees the staging folder before its busy file is locked.
	lk, err := o.lock(filepath.Join(parent, "."+base+lockSuffix))
	if err != nil {
		o.removeMade()
		return err
	}
	defer lk.release()
	id := fmt.Sprintf("%016x-%d", time.Now().UnixNano(), os.Getpid())
	stage := filepath.Join(parent, "."+base+stagingInfix+id)
	if err := os.Mkdir(stage, 0o755); err != nil {
		o.removeMade()
		return withHint(fmt.Errorf("output folder %s cannot be written: the new report cannot be put beside it in %s: %w",
			o.dir, parent, unwrapPath(err)),
			"the report is written into a new folder beside the output folder and swapped in; choose an --out folder whose parent folder you may write to")
	}
	o.stage = stage
	busy, err := os.OpenFile(filepath.Join(stage, busyName), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err == nil {
		if err = tryLock(busy); errors.Is(err, errNoLocking) {
			err = nil // as with the folder's own lock: runs at the same time are the user's to avoid
		}
		o.busy = busy
	}
	if err != nil {
		o.discard()
		return withHint(fmt.Errorf("output folder %s cannot be written: %w", o.dir, unwrapPath(err)),
			"check the free space and permissions of the folder that holds the output folder")
	}
	o.step("opened")
	return nil
}

// stream creates the set's file name in the staging folder for the caller to write into as
// the run goes on (data-quality.csv, written as the input is read); commit syncs and closes
// it. The set is opened if it is not.
func (o *outputSet) stream(name string) (io.Writer, error) {
	if err := o.open(); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(o.stage, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, withHint(fmt.Errorf("%s cannot be written: %w", filepath.Join(o.dir, name), unwrapPath(err)),
			"check the free space and permissions of the output folder")
	}
	if !o.has(name) {
		o.names = append(o.names, name)
	}
	o.streams[name] = f
	return f, nil
}

// scratch makes and returns a folder in the staging folder for the run's temporary files: a
// crash leaves them where the next run's sweep removes them. commit removes it first.
func (o *outputSet) scratch() (string, error) {
	if err := o.open(); err != nil {
		return "", err
	}
	dir := filepath.Join(o.stage, scratchName)
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return "", withHint(fmt.Errorf("output folder %s cannot be written: %w", o.dir, unwrapPath(err)),
			"check the free space and permissions of the folder that holds the output folder")
	}
	return dir, nil
}

// discard removes the staging folder of a run that will not commit (and the folders above
// the output folder that open made), so that a failed run leaves nothing. After a commit it
// does nothing.
func (o *outputSet) discard() {
	if o.committed || o.stage == "" {
		return
	}
	for _, f := range o.streams {
		f.Close()
	}
	if o.busy != nil {
		o.busy.Close()
		o.busy = nil
	}
	os.RemoveAll(o.stage)
	o.stage = ""
	o.removeMade()
}

// removeMade removes the folders above the output folder that open made, if still empty.
func (o *outputSet) removeMade() {
	for _, d := range o.made {
		if os.Remove(d) != nil {
			break
		}
	}
	o.made = nil
}

func (o *outputSet) step(name string) {
	if commitHook != nil {
		commitHook(name)
	}
}

// warnf prints a warning, once: open and commit each take the lock, and a drive without
// locks is worth saying once.
func (o *outputSet) warnf(format string, args ...any) {
	msg := fmt.Sprintf("yjsreport: warning: "+format+"\n", args...)
	if o.stderr == nil || o.warned[msg] {
		return
	}
	if o.warned == nil {
		o.warned = map[string]bool{}
	}
	o.warned[msg] = true
	io.WriteString(o.stderr, msg)
}

// commit writes every file into the output folder and returns their paths in name order.
// Whatever happens, the staging folder is gone when it returns: it has become the output
// folder, or it is removed.
func (o *outputSet) commit() ([]string, error) {
	if err := o.open(); err != nil {
		return nil, err
	}
	defer o.discard()
	target, parent, base, stage := o.target, o.parent, o.base, o.stage
	if fi, err := os.Stat(target); err == nil && !fi.IsDir() {
		return nil, withHint(fmt.Errorf("output folder %s cannot be created: a file of that name is in the way", o.dir),
			"choose another --out folder, or move that file")
	}

	lk, err := o.lock(filepath.Join(parent, "."+base+lockSuffix))
	if err != nil {
		return nil, err
	}
	defer lk.release()
	o.step("locked")
	if err := o.sweep(parent, base, target); err != nil {
		return nil, err
	}
	o.step("swept")
	// No sweep runs while the lock is held: the busy file has done its job.
	if err := os.RemoveAll(filepath.Join(stage, scratchName)); err != nil {
		return nil, withHint(fmt.Errorf("output folder %s cannot be written: a temporary folder cannot be removed: %w", o.dir, unwrapPath(err)),
			"check the permissions of the folder that holds the output folder")
	}
	o.busy.Close()
	o.busy = nil
	if err := os.Remove(filepath.Join(stage, busyName)); err != nil {
		return nil, withHint(fmt.Errorf("output folder %s cannot be written: %w", o.dir, unwrapPath(err)),
			"check the permissions of the folder that holds the output folder")
	}

	names := slices.Sorted(slices.Values(o.names))
	paths := make([]string, len(names))
	for i, n := range names {
		paths[i] = filepath.Join(o.dir, n)
	}
	old, err := os.Stat(target)
	exists := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, withHint(fmt.Errorf("output folder %s cannot be read: %w", o.dir, unwrapPath(err)),
			"check the permissions of the output folder")
	}

	id := strings.TrimPrefix(filepath.Base(stage), "."+base+stagingInfix)
	if err := o.stageFiles(stage, names); err != nil {
		return nil, err
	}
	if exists {
		if err := o.carryOver(target, stage); err != nil {
			return nil, err
		}
		// Keep the folder's permissions (a team's shared folder stays shared).
		os.Chmod(stage, old.Mode()&(fs.ModePerm|fs.ModeSetgid|fs.ModeSticky))
	}
	if err := syncDir(stage); err != nil {
		return nil, withHint(fmt.Errorf("output folder %s cannot be written: %w", o.dir, unwrapPath(err)),
			"check the free space and permissions of the output folder")
	}
	o.step("staged")

	if !exists {
		o.step("rename new")
		if err := os.Rename(stage, target); err != nil {
			return nil, withHint(fmt.Errorf("output folder %s cannot be created: %w", o.dir, unwrapLink(err)),
				"choose another --out folder, or check its permissions")
		}
		o.committed = true // the staging folder is the output folder
		o.step("renamed new")
		if err := syncDir(parent); err != nil {
			o.warnf("the folder holding %s could not be flushed to disk: %v", o.dir, unwrapPath(err))
		}
		return paths, nil
	}

	mark := filepath.Join(target, replacedMark)
	if err := writeFileSync(mark, nil); err != nil {
		return nil, withHint(fmt.Errorf("output folder %s cannot be written: %w", o.dir, unwrapPath(err)),
			"check the free space and permissions of the output folder")
	}
	if err := syncDir(target); err != nil {
		os.Remove(mark)
		return nil, withHint(fmt.Errorf("output folder %s cannot be written: %w", o.dir, unwrapPath(err)),
			"check the free space and permissions of the output folder")
	}
	o.step("marked")
	oldDir, err := o.swap(stage, target, filepath.Join(parent, "."+base+oldInfix+id))
	if err != nil {
		os.Remove(mark)
		return nil, err
	}
	o.committed = true // the staging folder has become the output folder, or holds the old set
	if err := syncDir(parent); err != nil {
		o.warnf("the folder holding %s could not be flushed to disk: %v", o.dir, unwrapPath(err))
	}
	// The new set is in place. What follows only tidies up; if it fails, the next run
	// finishes it (the old folder is marked), so the run still succeeds.
	if err := o.rescue(oldDir, target); err != nil {
		o.warnf("some of your own files are still in %s: %v; the next run moves them back into %s", oldDir, unwrapLink(err), o.dir)
		return paths, nil
	}
	o.step("rescued")
	if err := os.RemoveAll(oldDir); err != nil {
		o.warnf("the previous report could not be removed from %s: %v; the next run removes it", oldDir, unwrapPath(err))
	}
	o.step("removed old")
	return paths, nil
}

// tidy sweeps the leftovers of crashed runs as a run starts, so that they go (with the child
// ids of a staging folder's data-quality.csv) even if this run fails before it writes. It does
// nothing when there is nothing to sweep, or when another run holds the lock (that run sweeps
// under it) or there is no lock to hold; commit sweeps again and reports any problem.
func (o *outputSet) tidy() {
	target, err := resolvePath(o.dir)
	if err != nil {
		return
	}
	parent, base := filepath.Dir(target), filepath.Base(target)
	if parent == target || !hasLeftovers(parent, base, target) {
		return
	}
	lk, err := o.lockWithin(filepath.Join(parent, "."+base+lockSuffix), 0)
	if err != nil {
		return
	}
	defer lk.release()
	if !lk.unlocked {
		o.sweep(parent, base, target)
	}
}

// hasLeftovers reports whether a crashed run left anything beside or in the output folder.
func hasLeftovers(parent, base, target string) bool {
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if n := e.Name(); strings.HasPrefix(n, "."+base+stagingInfix) || strings.HasPrefix(n, "."+base+oldInfix) {
			return true
		}
	}
	inside, _ := os.ReadDir(target)
	for _, e := range inside {
		if isLeftover(e.Name()) {
			return true
		}
	}
	return false
}

// stageFiles writes the set's files into the staging folder, each fsync'd; those the caller
// streamed there are fsync'd and closed.
func (o *outputSet) stageFiles(stage string, names []string) error {
	for _, name := range names {
		var err error
		if f, ok := o.streams[name]; ok {
			err = f.Sync()
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			delete(o.streams, name)
		} else {
			err = writeFileSync(filepath.Join(stage, name), o.data[name])
		}
		if err != nil {
			return withHint(fmt.Errorf("%s cannot be written: %w", filepath.Join(o.dir, name), unwrapPath(err)),
				"check the free space and permissions of the output folder")
		}
		o.step("wrote " + name)
	}
	return nil
}

// carryOver puts into the staging folder every entry of the output folder that is not of the
// new set: regular files as hard links, symbolic links as copies of the link. Anything else
// (a sub-folder, or a file on a filesystem without hard links) is moved across after the swap
// by rescue. A folder with the name of one of the set's files is refused: it would be lost.
func (o *outputSet) carryOver(target, stage string) error {
	entries, err := os.ReadDir(target)
	if err != nil {
		return withHint(fmt.Errorf("output folder %s cannot be read: %w", o.dir, unwrapPath(err)),
			"check the permissions of the output folder")
	}
	for _, e := range entries {
		name := e.Name()
		if o.has(name) {
			if e.IsDir() {
				return withHint(fmt.Errorf("%s cannot be written: a folder of that name is in the way", filepath.Join(o.dir, name)),
					"move or rename that folder and run again")
			}
			continue
		}
		if isLeftover(name) {
			continue
		}
		src, dst := filepath.Join(target, name), filepath.Join(stage, name)
		switch {
		case e.Type().IsRegular():
			os.Link(src, dst) // on failure, rescue moves it after the swap
		case e.Type()&fs.ModeSymlink != 0:
			if to, err := os.Readlink(src); err == nil {
				os.Symlink(to, dst)
			}
		}
	}
	return nil
}

// swap puts the staging folder in the output folder's place and returns the folder that now
// holds the old set (marked).
func (o *outputSet) swap(stage, target, oldDir string) (string, error) {
	if useExchange {
		o.step("rename exchange")
		err := exchangeDirs(stage, target)
		if err == nil {
			o.step("exchanged")
			return stage, nil
		}
		if !errors.Is(err, errNoExchange) {
			return "", o.replaceError(err)
		}
	}
	o.step("rename old")
	if err := os.Rename(target, oldDir); err != nil {
		return "", o.replaceError(err)
	}
	o.step("renamed old")
	o.step("rename new")
	if err := os.Rename(stage, target); err != nil {
		if rerr := os.Rename(oldDir, target); rerr != nil {
			return "", withHint(fmt.Errorf("output folder %s cannot be replaced: %w; the previous report is in %s", o.dir, unwrapLink(err), oldDir),
				"run again: the next run puts the previous report back first")
		}
		return "", o.replaceError(err)
	}
	o.step("renamed new")
	return oldDir, nil
}

func (o *outputSet) replaceError(err error) error {
	hint := "is a file in it open in another program (Excel, a PDF viewer), or a command window working in it? close it and run again"
	if isCrossDevice(err) {
		hint = "the output folder is a drive or mount point of its own; choose a folder inside it, e.g. --out " + filepath.Join(o.dir, "report")
	}
	return withHint(fmt.Errorf("output folder %s cannot be replaced: %w", o.dir, unwrapLink(err)), hint)
}

// rescue moves into the output folder every entry of the old folder that the output folder
// lacks, except leftovers (the marker, stale temporaries).
func (o *outputSet) rescue(oldDir, target string) error {
	entries, err := os.ReadDir(oldDir)
	if err != nil {
		return err
	}
	moved := false
	for _, e := range entries {
		name := e.Name()
		if isLeftover(name) {
			continue
		}
		dst := filepath.Join(target, name)
		if _, err := os.Lstat(dst); err == nil {
			continue
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		o.step("rename rescue " + name)
		if err := os.Rename(filepath.Join(oldDir, name), dst); err != nil {
			return err
		}
		moved = true
	}
	if moved {
		return syncDir(target)
	}
	return nil
}

// sweep repairs the output folder after a crashed run (see the top of this file).
func (o *outputSet) sweep(parent, base, target string) error {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return withHint(fmt.Errorf("output folder %s cannot be read: %w", o.dir, unwrapPath(err)),
			"check the permissions of the folder that holds it")
	}
	type stale struct{ path, id string }
	var found []stale
	for _, e := range entries {
		n := e.Name()
		for _, infix := range []string{stagingInfix, oldInfix} {
			id, ok := strings.CutPrefix(n, "."+base+infix)
			if !ok || !e.IsDir() {
				continue
			}
			path := filepath.Join(parent, n)
			if infix == stagingInfix && (path == o.stage || inUse(path)) {
				continue // this run's, or a living run's
			}
			found = append(found, stale{path, id})
		}
	}
	// Newest first: the old set to put back is the newest marked folder.
	slices.SortFunc(found, func(a, b stale) int { return strings.Compare(b.id, a.id) })
	marked := func(dir string) bool {
		_, err := os.Lstat(filepath.Join(dir, replacedMark))
		return err == nil
	}
	_, err = os.Lstat(target)
	exists := err == nil
	fail := func(path string, err error) error {
		return withHint(fmt.Errorf("output folder %s: an earlier run's leftover %s cannot be tidied away: %w", o.dir, path, unwrapLink(err)),
			"check the permissions of the output folder and the folder that holds it")
	}
	for _, s := range found {
		if !exists && marked(s.path) {
			// A crash between the two renames of a swap: put the old set back.
			if err := os.Rename(s.path, target); err != nil {
				return fail(s.path, err)
			}
			exists = true
			if err := syncDir(parent); err != nil {
				return fail(s.path, err)
			}
			continue
		}
		if marked(s.path) && exists {
			if err := o.rescue(s.path, target); err != nil {
				return fail(s.path, err)
			}
		}
		if err := os.RemoveAll(s.path); err != nil {
			return fail(s.path, err)
		}
	}
	if !exists {
		return nil
	}
	// A crash after marking, before the swap, leaves the marker in the current set; earlier
	// versions of yjsreport left hidden temporaries in the folder itself.
	inside, err := os.ReadDir(target)
	if err != nil {
		return withHint(fmt.Errorf("output folder %s cannot be read: %w", o.dir, unwrapPath(err)),
			"check the permissions of the output folder")
	}
	for _, e := range inside {
		if n := e.Name(); isLeftover(n) {
			if err := os.Remove(filepath.Join(target, n)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fail(filepath.Join(target, n), err)
			}
		}
	}
	return nil
}

// inUse reports whether the staging folder stage belongs to a run still reading: one that
// holds the lock on its busy file. A crashed run's lock is gone with it.
func inUse(stage string) bool {
	f, err := os.OpenFile(filepath.Join(stage, busyName), os.O_RDWR, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	return errors.Is(tryLock(f), errLocked)
}

// legacyTemp matches the temporaries of yjsreport before version 2 of the output folder,
// written into the output folder itself: .indicators.json.tmp-123 and their .old backups.
var legacyTemp = regexp.MustCompile(`^\.(indicators\.json|indicators\.xlsx|dashboard\.html|data-quality\.csv|.+\.pdf)\.tmp-[0-9]+(\.old)?$`)

// isLeftover reports whether a name in the output folder is ours but not part of any set:
// the marker, or a stale temporary. It is never carried into a new set.
func isLeftover(name string) bool {
	return name == replacedMark || name == busyName || name == scratchName || legacyTemp.MatchString(name)
}

// writeFileSync creates path (which must not exist), writes data and fsyncs it.
func writeFileSync(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// resolvePath returns p as an absolute path with the symbolic links of its existing part
// resolved, so that an output folder that is a link is replaced at the folder it points to
// (the link stays).
func resolvePath(p string) (string, error) {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return filepath.Abs(r)
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for cur := abs; ; {
		if _, err := os.Stat(cur); err == nil {
			r, err := filepath.EvalSymlinks(cur)
			if err != nil {
				return "", err
			}
			return filepath.Join(append([]string{r}, rest...)...), nil
		}
		up := filepath.Dir(cur)
		if up == cur {
			return abs, nil
		}
		rest = append([]string{filepath.Base(cur)}, rest...)
		cur = up
	}
}

// unwrapLink drops the *os.LinkError or *fs.PathError wrapper of a rename, whose paths are
// the hidden working names rather than the user's.
func unwrapLink(err error) error {
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return unwrapPath(err)
}
