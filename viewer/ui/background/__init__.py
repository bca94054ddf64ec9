"""Background work: the one worker helper, the child process's jobs, the folder watcher."""
