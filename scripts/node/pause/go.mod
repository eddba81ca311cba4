module c8s.local/pause

go 1.19
