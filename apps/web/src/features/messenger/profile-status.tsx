/** A profile's status, with the lost connection called out. */
export function ProfileStatus({ status, connection }: { status: string; connection: string }) {
  return (
    <span>
      {status === "enabled" ? "Enabled" : "Disabled"}
      {connection === "lost" && <span className="badge warning">Connection lost</span>}
    </span>
  );
}
