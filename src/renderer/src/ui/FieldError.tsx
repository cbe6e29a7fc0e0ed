/** The error of one field, under it; the field names it with aria-describedby=`${id}-error`. */
export function FieldError({ id, message }: { id: string; message: string | null }) {
  if (!message) return null;
  return (
    <p className="error field-error" id={`${id}-error`}>
      {message}
    </p>
  );
}
