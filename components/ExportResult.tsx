import { t } from '@/lib/i18n';

/** What the last export produced: the message, the article itself (to check or copy by hand), and "save as .md". */
export function ExportResult({ message, markdown, fileName, leftOut, onClose }: { message: string; markdown: string | null; fileName: string; leftOut: number; onClose: () => void }) {
  return (
    <section class="export-result" role="status" data-testid="export-result">
      <p>{message}</p>
      {leftOut > 0 && <p data-testid="left-out">{t('leftOutEdited', { n: leftOut })}</p>}
      {markdown && (
        <>
          <textarea readOnly rows={6} data-testid="export-output" value={markdown} />
          <button type="button" data-testid="save-md" onClick={() => saveFile(markdown, fileName)}>
            {t('saveMd')}
          </button>
        </>
      )}
      <button type="button" class="small" onClick={onClose}>
        {t('close')}
      </button>
    </section>
  );
}

function saveFile(text: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
