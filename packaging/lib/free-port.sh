# shellcheck shell=bash
# free_port: prints a TCP port on 127.0.0.1 that nothing listens on, picked BELOW the kernel's ephemeral
# range. The launcher binds its simulated carrier and model on ephemeral ports (port 0) before it binds
# PORT, so a PORT picked inside that range can be taken by its own simulation first (seen in CI: "Address
# already in use" on a port that was free a moment before). Returns 1 when none is found.
free_port() {
  local p low=32768
  if [[ -r /proc/sys/net/ipv4/ip_local_port_range ]]; then read -r low _ </proc/sys/net/ipv4/ip_local_port_range; fi
  (( low > 21000 )) || low=32768
  for _ in $(seq 1 100); do
    p=$(( 20000 + RANDOM % (low - 20000) ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}
