/**
 * A live region that is always in the page, so screen readers announce new
 * messages. Shown as a notification banner when it has a message.
 */
export function StatusRegion({ message }: { message: string | null }) {
  return (
    <div role="status" className={message ? "notification" : "notification--empty"}>
      {message}
    </div>
  );
}
