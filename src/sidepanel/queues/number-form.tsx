/**
 * A number asked for in place (where to transfer a queued caller, where to forward a queue): a field and a button;
 * an empty number does nothing.
 */
export function NumberForm({
  class: className,
  label,
  submitLabel,
  testId,
  onNumber,
}: {
  class: string;
  label: string;
  submitLabel: string;
  testId: string;
  onNumber: (number: string) => void;
}) {
  return (
    <form
      class={className}
      onSubmit={(event) => {
        event.preventDefault();
        const number = new FormData(event.currentTarget).get('number');
        if (typeof number === 'string' && number.trim() !== '') onNumber(number);
      }}
    >
      <input
        name="number"
        type="tel"
        data-autofocus
        aria-label={label}
        placeholder={label}
        data-testid={testId}
        autoFocus
      />
      <button type="submit">{submitLabel}</button>
    </form>
  );
}
